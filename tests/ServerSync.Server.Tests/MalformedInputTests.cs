using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ServerSync.Testing;

namespace ServerSync.Server.Tests;

/// <summary>Malformed JSON, wrong types in action bodies and filters the store can't run are 400s in the error shape that change nothing.</summary>
public abstract class MalformedInputTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : ServerFixture
{
    private static async Task<string> ExpectBadRequestAsync(Api api, HttpMethod method, string url, string? rawJson)
    {
        using var request = new HttpRequestMessage(method, url);
        if (rawJson is not null) request.Content = new StringContent(rawJson, Encoding.UTF8, "application/json");
        var response = await api.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {url} {rawJson}: expected 400, got {(int)response.StatusCode}: {text}");
        var error = JsonNode.Parse(text)!["error"]!;
        Assert.Matches("^0x[0-9a-f]{8}$", error["code"]!.GetValue<string>());
        var message = error["message"]!.GetValue<string>();
        Assert.False(string.IsNullOrWhiteSpace(message));
        return message;
    }

    [Theory]
    [InlineData("""{"name":"Lone \uD800 surrogate","emailaddress":"lone@example.test"}""", "surrogate")]
    [InlineData("""{"name":"Trailing \uDC00","emailaddress":"lone@example.test"}""", "surrogate")]
    [InlineData("""{"name":"First","name":"Second","emailaddress":"twice@example.test"}""", "name")]
    public async Task A_body_with_a_lone_surrogate_or_a_duplicate_key_is_refused_and_stores_nothing(string body, string named)
    {
        var scenario = await Scenario.CreateAsync(server);
        var before = (await scenario.Admin.ListAsync("queues?$select=queueid")).Count;
        Assert.Contains(named, await ExpectBadRequestAsync(scenario.Admin, HttpMethod.Post, scenario.Admin.Data("queues"), body));
        Assert.Equal(before, (await scenario.Admin.ListAsync("queues?$select=queueid")).Count);

        var (queue, _) = await scenario.CreateQueueAsync("kept@example.test");
        Assert.Contains(named, await ExpectBadRequestAsync(scenario.Admin, HttpMethod.Patch, scenario.Admin.Data($"queues({queue})"), body));
        Assert.Equal("kept@example.test", (await scenario.Admin.GetAsync($"queues({queue})"))["emailaddress"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_wrong_type_in_an_action_body_is_refused_naming_the_parameter_and_changes_nothing()
    {
        var scenario = await Scenario.CreateAsync(server);
        var api = scenario.Admin;
        var (_, mailbox) = await scenario.CreateQueueAsync();
        var before = await scenario.MailboxAsync(mailbox);

        Assert.Contains("TestAndEnable", await ExpectBadRequestAsync(api, HttpMethod.Post, api.Data("ApplyDefaultEmailSettings"),
            $$"""{"MailboxIds":["{{mailbox}}"],"TestAndEnable":"yes"}"""));
        Assert.Contains("MailboxIds", await ExpectBadRequestAsync(api, HttpMethod.Post, api.Data("ApproveEmailAddresses"),
            $$"""{"MailboxIds":[{"id":"{{mailbox}}"}]}"""));
        Assert.Contains("EmailServerProfileId", await ExpectBadRequestAsync(api, HttpMethod.Post, api.Data("TestAndEnableMailboxes"),
            """{"EmailServerProfileId":{"id":1}}"""));
        Assert.Equal(before["versionnumber"]!.ToJsonString(), (await scenario.MailboxAsync(mailbox))["versionnumber"]!.ToJsonString());

        var role = (await api.CreateAsync("roles", new JsonObject { ["name"] = "Typed" }))["roleid"]!.GetValue<Guid>();
        Assert.Contains("Privileges", await ExpectBadRequestAsync(api, HttpMethod.Post, api.Data($"roles({role})/Microsoft.Dynamics.CRM.AddPrivilegesRole"),
            """{"Privileges":[42]}"""));
        Assert.Contains("PrivilegeId", await ExpectBadRequestAsync(api, HttpMethod.Post, api.Data($"roles({role})/Microsoft.Dynamics.CRM.RemovePrivilegeRole"),
            """{"PrivilegeId":[1,2]}"""));
        Assert.Empty((await api.GetAsync($"RetrieveRolePrivilegesRole(RoleId={role})"))["RolePrivileges"]!.AsArray());
    }

    [Theory]
    [InlineData("$filter=year(createdon) eq 2026", "year")]
    [InlineData("$filter=fractionalseconds(createdon) eq 0", "fractionalseconds")]
    [InlineData("$filter=matchesPattern(name,'^Q')", "matchesPattern")]
    [InlineData("$filter=date(createdon) eq 2026-01-01", "date")]
    [InlineData("$filter=createdon lt now()", "now")]
    [InlineData("$filter=isof(name,Edm.String)", "isof")]
    [InlineData("$filter=cast(queueviewtype,Edm.String) eq '1'", "cast")]
    [InlineData("$filter=length(name) gt 1 and contains(name,'Q')", "length")]
    [InlineData("$filter=not (tolower(name) eq 'q')", "tolower")]
    [InlineData("$orderby=year(createdon) desc", "year")]
    public async Task A_query_function_other_than_Dataverses_is_a_bad_request_naming_it(string query, string function)
    {
        var scenario = await Scenario.CreateAsync(server);
        await scenario.CreateQueueAsync();
        var name = query[..query.IndexOf('=')];
        var url = scenario.Admin.Data($"queues?{name}={Uri.EscapeDataString(query[(name.Length + 1)..])}");
        var message = await ExpectBadRequestAsync(scenario.Admin, HttpMethod.Get, url, null);
        Assert.Contains($"'{function}'", message);
        // Dataverse's own functions still answer.
        Assert.Single(await scenario.Admin.ListAsync("queues?$filter=endswith(emailaddress,'.test') and startswith(name,'S') or contains(name,'zzz')"));
    }
}

public sealed class MalformedInputTestsOnSqlite(SqliteServer server) : MalformedInputTests<SqliteServer>(server);
public sealed class MalformedInputTestsOnPostgres(PostgresServer server) : MalformedInputTests<PostgresServer>(server);
