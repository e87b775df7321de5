using System.Net;
using System.Text.Json.Nodes;
using ServerSync.Testing;

namespace ServerSync.Server.Tests;

/// <summary>The OData query surface: $select, $filter, $orderby, $top, $count, paging and the errors for unknown names.</summary>
public abstract class QueryTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : ServerFixture
{
    private async Task<Scenario> WithQueuesAsync(int count)
    {
        var scenario = await Scenario.CreateAsync(server);
        for (var i = 0; i < count; i++)
            await scenario.Admin.CreateAsync("queues", new JsonObject { ["name"] = $"Queue {i:D2}", ["emailaddress"] = $"queue{i:D2}@example.test", ["queueviewtype"] = i % 2 });
        return scenario;
    }

    [Fact]
    public async Task Filter_select_orderby_top_and_count_work_together()
    {
        var scenario = await WithQueuesAsync(6);
        var result = await scenario.Admin.GetAsync("queues?$select=name,emailaddress&$filter=queueviewtype eq 1 and startswith(name,'Queue')&$orderby=name desc&$top=2&$count=true");
        Assert.Equal(3, result["@odata.count"]!.GetValue<int>());
        var rows = result["value"]!.AsArray();
        Assert.Equal(["Queue 05", "Queue 03"], rows.Select(r => r!["name"]!.GetValue<string>()));
        var first = rows[0]!.AsObject();
        Assert.Equal(["@odata.etag", "name", "emailaddress", "queueid"], first.Select(p => p.Key));
        Assert.Null(result["@odata.nextLink"]);
    }

    [Fact]
    public async Task Contains_and_lookup_value_filters()
    {
        var scenario = await WithQueuesAsync(3);
        Assert.Single(await scenario.Admin.ListAsync("queues?$filter=contains(emailaddress,'queue01')"));
        var queue = (await scenario.Admin.ListAsync("queues?$filter=name eq 'Queue 02'"))[0]!;
        var mailboxes = await scenario.Admin.ListAsync($"mailboxes?$filter=_regardingobjectid_value eq {queue["queueid"]}");
        Assert.Equal(queue["_defaultmailbox_value"]!.GetValue<Guid>(), Assert.Single(mailboxes)!["mailboxid"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task Server_paging_follows_maxpagesize_with_next_links()
    {
        var scenario = await WithQueuesAsync(5);
        var seen = new List<string>();
        var url = scenario.Admin.Data("queues?$select=name&$orderby=name");
        var pages = 0;
        while (url is not null)
        {
            var response = await scenario.Admin.SendAsync(HttpMethod.Get, url, null, ("Prefer", "odata.maxpagesize=2"));
            var page = (JsonObject)(await Api.ExpectAsync(HttpStatusCode.OK, response))!;
            Assert.Equal("odata.maxpagesize=2", response.Headers.GetValues("Preference-Applied").Single());
            seen.AddRange(page["value"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()));
            url = page["@odata.nextLink"]?.GetValue<string>();
            pages++;
        }
        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"Queue {i:D2}"), seen);
    }

    [Fact]
    public async Task Top_is_capped_at_the_5000_row_page_as_in_Dataverse()
    {
        var scenario = await Scenario.CreateAsync(server);
        var api = scenario.Admin;
        foreach (var top in new[] { "5001", "2147483647" })
            Assert.Contains("5000", await api.ExpectErrorAsync(HttpMethod.Get, api.Data($"mailboxes?$top={top}"), null, HttpStatusCode.BadRequest, "0x80040203"));
        Assert.NotEmpty(await api.ListAsync("mailboxes?$top=5000"));
    }

    [Fact]
    public async Task Unknown_names_are_400_naming_them()
    {
        var scenario = await Scenario.CreateAsync(server);
        var api = scenario.Admin;
        Assert.Contains("nosuchcolumn", await api.ExpectErrorAsync(HttpMethod.Get, api.Data("mailboxes?$filter=nosuchcolumn eq 1"), null, HttpStatusCode.BadRequest, "0x80060888"));
        Assert.Contains("nosuchcolumn", await api.ExpectErrorAsync(HttpMethod.Get, api.Data("mailboxes?$select=name,nosuchcolumn"), null, HttpStatusCode.BadRequest, "0x80060888"));
        Assert.Contains("password", await api.ExpectErrorAsync(HttpMethod.Get, api.Data("mailboxes?$select=password"), null, HttpStatusCode.BadRequest));
        Assert.Contains("nosuchtables", await api.ExpectErrorAsync(HttpMethod.Get, api.Data("nosuchtables"), null, HttpStatusCode.BadRequest, "0x8006088a"));
        Assert.Contains("$expand", await api.ExpectErrorAsync(HttpMethod.Get, api.Data("mailboxes?$expand=x"), null, HttpStatusCode.BadRequest));
        await api.ExpectErrorAsync(HttpMethod.Get, api.Data("mailboxes?$top=-1"), null, HttpStatusCode.BadRequest);
        await api.ExpectErrorAsync(HttpMethod.Get, api.Data($"mailboxes({Guid.NewGuid()})"), null, HttpStatusCode.NotFound, "0x80040217");
    }

    [Fact]
    public async Task Metadata_and_service_document_list_the_tables()
    {
        var scenario = await Scenario.CreateAsync(server);
        var service = await scenario.Admin.GetAsync("");
        Assert.Contains(service["value"]!.AsArray(), t => t!["name"]!.GetValue<string>() == "emailserverprofiles");
        var metadata = await scenario.Admin.Http.GetStringAsync(scenario.Admin.Data("$metadata"));
        Assert.Contains("<EntityType Name=\"mailbox\">", metadata);
        Assert.DoesNotContain("Name=\"password\"", metadata);
    }
}

public sealed class QueryTestsOnSqlite(SqliteServer server) : QueryTests<SqliteServer>(server);
public sealed class QueryTestsOnPostgres(PostgresServer server) : QueryTests<PostgresServer>(server);
