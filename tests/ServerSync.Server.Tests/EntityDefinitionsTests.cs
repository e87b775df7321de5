using System.Net;
using System.Text.Json.Nodes;
using ServerSync.Testing;

namespace ServerSync.Server.Tests;

/// <summary>
/// Table metadata as generic Dataverse clients read it before touching a table (the requests below are the ones
/// Microsoft's SDKs and third-party clients send), read-only and behind the caller's read privileges.
/// </summary>
public abstract class EntityDefinitionsTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : ServerFixture
{
    [Fact]
    public async Task A_table_is_found_by_logical_name_with_its_set_and_key()
    {
        var scenario = await Scenario.CreateAsync(server);
        var api = scenario.Admin;
        var found = await api.ListAsync("EntityDefinitions?$select=LogicalName,EntitySetName,PrimaryIdAttribute,PrimaryNameAttribute,SchemaName&$filter=LogicalName eq 'contact'");
        var contact = Assert.Single(found)!.AsObject();
        Assert.Equal("contacts", contact["EntitySetName"]!.GetValue<string>());
        Assert.Equal("contactid", contact["PrimaryIdAttribute"]!.GetValue<string>());
        Assert.Equal("fullname", contact["PrimaryNameAttribute"]!.GetValue<string>());
        Assert.Equal(["MetadataId", "LogicalName", "EntitySetName", "PrimaryIdAttribute", "PrimaryNameAttribute", "SchemaName"], contact.Select(p => p.Key));
        Assert.Empty(await api.ListAsync("EntityDefinitions?$filter=LogicalName eq 'nosuchtable'"));
        Assert.Equal(2, (await api.ListAsync("EntityDefinitions?$filter=LogicalName eq 'email' or LogicalName eq 'mailbox'")).Count);

        // The same table by its MetadataId, which stays the same across calls.
        var byId = await api.GetAsync($"EntityDefinitions({contact["MetadataId"]!.GetValue<Guid>()})?$select=LogicalName");
        Assert.Equal("contact", byId["LogicalName"]!.GetValue<string>());
        Assert.Contains("nosuchcolumn", await api.ExpectErrorAsync(HttpMethod.Get, api.Data("EntityDefinitions?$filter=nosuchcolumn eq 'x'"), null, HttpStatusCode.BadRequest, "0x80060888"));
        Assert.Contains("nosuchtable", await api.ExpectErrorAsync(HttpMethod.Get, api.Data("EntityDefinitions(LogicalName='nosuchtable')"), null, HttpStatusCode.NotFound, "0x80040217"));
    }

    [Fact]
    public async Task Attributes_describe_the_columns_the_table_accepts()
    {
        var scenario = await Scenario.CreateAsync(server);
        var mailbox = await scenario.Admin.GetAsync("EntityDefinitions(LogicalName='mailbox')?$select=LogicalName&$expand=Attributes");
        var attributes = mailbox["Attributes"]!.AsArray().Select(a => a!.AsObject()).ToDictionary(a => a["LogicalName"]!.GetValue<string>());
        Assert.True(attributes["mailboxid"]["IsPrimaryId"]!.GetValue<bool>());
        Assert.Equal("Lookup", attributes["emailserverprofile"]["AttributeType"]!.GetValue<string>());
        Assert.Equal(["emailserverprofile"], attributes["emailserverprofile"]["Targets"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal("String", attributes["emailaddress"]["AttributeType"]!.GetValue<string>());
        Assert.Equal(100, attributes["emailaddress"]["MaxLength"]!.GetValue<int>());
        Assert.Equal("Picklist", attributes["incomingemaildeliverymethod"]["AttributeType"]!.GetValue<string>());
        Assert.DoesNotContain("password", attributes.Keys);
        Assert.DoesNotContain(attributes.Keys, k => k.StartsWith('_'));

        var one = await scenario.Admin.GetAsync("EntityDefinitions(LogicalName='mailbox')/Attributes(LogicalName='emailaddress')?$select=LogicalName,AttributeType");
        Assert.Equal("#Microsoft.Dynamics.CRM.StringAttributeMetadata", one["@odata.type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Picklist_attributes_carry_their_option_values_and_labels()
    {
        var scenario = await Scenario.CreateAsync(server);
        var picklists = await scenario.Admin.ListAsync(
            "EntityDefinitions(LogicalName='mailbox')/Attributes/Microsoft.Dynamics.CRM.PicklistAttributeMetadata?$select=LogicalName&$expand=OptionSet($select=Options)");
        Assert.All(picklists, p => Assert.Equal("#Microsoft.Dynamics.CRM.PicklistAttributeMetadata", p!["@odata.type"]!.GetValue<string>()));
        var incoming = picklists.Single(p => p!["LogicalName"]!.GetValue<string>() == "incomingemaildeliverymethod")!;
        var options = incoming["OptionSet"]!["Options"]!.AsArray()
            .ToDictionary(o => o!["Value"]!.GetValue<int>(), o => o!["Label"]!["LocalizedLabels"]![0]!["Label"]!.GetValue<string>());
        Assert.Equal("Server-Side Synchronization or Email Router", options[2]);
        Assert.Equal("Forward Mailbox", options[3]);
        Assert.Equal([0, 1, 2, 3], options.Keys);
        Assert.DoesNotContain(picklists, p => p!["LogicalName"]!.GetValue<string>() == "emailaddress");
    }

    [Fact]
    public async Task A_caller_sees_only_the_tables_it_may_read_and_cannot_change_any()
    {
        var scenario = await Scenario.CreateAsync(server);
        var nobody = await scenario.AddPersonAsync();
        Assert.Empty(await nobody.Api.ListAsync("EntityDefinitions"));
        Assert.Contains("contact", await nobody.Api.ExpectErrorAsync(HttpMethod.Get, nobody.Api.Data("EntityDefinitions(LogicalName='contact')"), null, HttpStatusCode.NotFound, "0x80040217"));

        var basic = await scenario.AddPersonAsync(null, "Basic User");
        Assert.Contains(await basic.Api.ListAsync("EntityDefinitions?$select=LogicalName"), t => t!["LogicalName"]!.GetValue<string>() == "contact");

        var api = scenario.Admin;
        await api.ExpectErrorAsync(HttpMethod.Post, api.Data("EntityDefinitions"), new JsonObject { ["LogicalName"] = "new_table" }, HttpStatusCode.BadRequest);
        Assert.Empty(await api.ListAsync("EntityDefinitions?$filter=LogicalName eq 'new_table'"));
    }
}

public sealed class EntityDefinitionsTestsOnSqlite(SqliteServer server) : EntityDefinitionsTests<SqliteServer>(server);
public sealed class EntityDefinitionsTestsOnPostgres(PostgresServer server) : EntityDefinitionsTests<PostgresServer>(server);
