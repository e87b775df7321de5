using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using ServerSync.Testing;

namespace ServerSync.Server.Tests;

/// <summary>
/// Conventions that third-party Dataverse clients rely on: a table's key is its logical name everywhere, a row is
/// addressed by a GUID only, and <c>$metadata</c> is well-formed XML that names the keys as the tables do.
/// </summary>
public abstract class DataverseConventionTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : ServerFixture
{
    [Fact]
    public async Task The_primary_key_is_its_logical_name_in_filter_orderby_and_select()
    {
        var scenario = await Scenario.CreateAsync(server);
        var api = scenario.Admin;
        var queue = await api.CreateAsync("queues", new JsonObject { ["name"] = "Key queue", ["emailaddress"] = "keyqueue@example.test" });
        var id = queue["queueid"]!.GetValue<Guid>();

        var found = await api.ListAsync($"queues?$filter=queueid eq {id}&$select=queueid,name&$orderby=queueid desc");
        Assert.Equal(id, Assert.Single(found)!["queueid"]!.GetValue<Guid>());
        var mailboxId = queue["_defaultmailbox_value"]!.GetValue<Guid>();
        Assert.Single(await api.ListAsync($"mailboxes?$filter=mailboxid eq {mailboxId}"));
        Assert.Equal((await api.ListAsync("emailserverprofiles")).Count, (await api.ListAsync("emailserverprofiles?$filter=emailserverprofileid ne null")).Count);

        // "Id" is not a column of any Dataverse table.
        Assert.Contains("'Id'", await api.ExpectErrorAsync(HttpMethod.Get, api.Data($"queues?$filter=Id eq {id}"), null, HttpStatusCode.BadRequest, "0x80060888"));
    }

    [Theory]
    [InlineData("mailboxes(not-a-guid)")]
    [InlineData("mailboxes(1)")]
    [InlineData("mailboxes(name='x')")]
    [InlineData("mailboxes()")]
    public async Task A_key_that_is_not_a_guid_is_a_400_not_the_whole_collection(string path)
    {
        var scenario = await Scenario.CreateAsync(server);
        var api = scenario.Admin;
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Patch, HttpMethod.Delete })
        {
            var body = method == HttpMethod.Patch ? new JsonObject { ["name"] = "renamed" } : null;
            Assert.Contains("mailboxid", await api.ExpectErrorAsync(method, api.Data(path), body, HttpStatusCode.BadRequest, "0x8006088a"));
        }
        Assert.DoesNotContain(await api.ListAsync("mailboxes"), m => m!["name"]!.GetValue<string>() == "renamed");
    }

    [Fact]
    public async Task Metadata_is_utf8_xml_naming_each_key_by_its_logical_name()
    {
        var scenario = await Scenario.CreateAsync(server);
        var response = await scenario.Admin.SendAsync(HttpMethod.Get, scenario.Admin.Data("$metadata"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);

        // XDocument.Load from bytes honours the declaration: a utf-16 declaration over UTF-8 bytes fails here.
        var csdl = XDocument.Load(new MemoryStream(bytes));
        Assert.Equal("utf-8", csdl.Declaration?.Encoding, ignoreCase: true);
        XNamespace edm = "http://docs.oasis-open.org/odata/ns/edm";
        var mailbox = csdl.Descendants(edm + "EntityType").Single(e => (string?)e.Attribute("Name") == "mailbox");
        Assert.Equal("mailboxid", (string?)mailbox.Element(edm + "Key")!.Element(edm + "PropertyRef")!.Attribute("Name"));
        Assert.Contains(mailbox.Elements(edm + "Property"), p => (string?)p.Attribute("Name") == "mailboxid");
        Assert.DoesNotContain(csdl.Descendants(edm + "Property"), p => (string?)p.Attribute("Name") == "Id");
        var email = csdl.Descendants(edm + "EntityType").Single(e => (string?)e.Attribute("Name") == "email");
        Assert.Equal("activityid", (string?)email.Element(edm + "Key")!.Element(edm + "PropertyRef")!.Attribute("Name"));
    }
}

public sealed class DataverseConventionTestsOnSqlite(SqliteServer server) : DataverseConventionTests<SqliteServer>(server);
public sealed class DataverseConventionTestsOnPostgres(PostgresServer server) : DataverseConventionTests<PostgresServer>(server);
