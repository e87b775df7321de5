using System.Text.Json.Nodes;

namespace ServerSync.Cli.Tests;

public sealed class RecordsTests(ServerFixture server) : CliTestBase(server), IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Get_reads_one_row_by_logical_name_with_the_chosen_fields()
    {
        await LoginAsync();
        var orgId = Assert.Single((await OkAsync("records", "list", "organizations", "--select", "organizationid")).Json.AsArray())!["organizationid"]!.ToString();

        var org = (await OkAsync("records", "get", "organization", orgId, "--fields", "name, trackingprefix")).Json.AsObject();

        Assert.Equal("CLI test", org["name"]!.GetValue<string>());
        Assert.Equal(orgId, org["organizationid"]!.ToString());
        Assert.True(org.ContainsKey("trackingprefix"));
        Assert.False(org.ContainsKey("maxuploadfilesize")); // only what was asked for, plus the key
    }

    [Fact]
    public async Task Get_prints_indented_json()
    {
        await LoginAsync();
        var mailbox = await AdminMailboxAsync();

        var result = await OkAsync("records", "get", "mailboxes", mailbox["mailboxid"]!.ToString(), "--fields", "emailaddress");

        Assert.StartsWith("{\n  \"@odata.etag\"", result.Out.Replace("\r\n", "\n"));
        Assert.Equal(ServerFixture.AdminUpn, result.Json["emailaddress"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_of_a_missing_row_is_refused()
    {
        await LoginAsync();
        var id = Guid.NewGuid();

        var line = AssertOneErrorLine(await Cli.RunAsync("records", "get", "mailbox", id.ToString()), 1);

        Assert.Equal($"error: mailbox With Id = {id} Does Not Exist (0x80040217)", line);
    }

    [Fact]
    public async Task List_filters_and_selects()
    {
        await LoginAsync();

        var rows = (await OkAsync("records", "list", "mailbox", "--filter", $"emailaddress eq '{ServerFixture.AdminUpn}'", "--select", "mailboxid,name")).Json.AsArray();

        var row = Assert.Single(rows)!.AsObject();
        Assert.True(Guid.TryParse(row["mailboxid"]!.ToString(), out _));
        Assert.False(row.ContainsKey("emailaddress"));
    }

    [Fact]
    public async Task List_follows_the_next_link_until_every_row_is_read()
    {
        await LoginAsync();
        var all = (await OkAsync("records", "list", "roles", "--select", "name")).Json.AsArray();
        Assert.True(all.Count >= 3, $"expected the standard roles, got {all.ToJsonString()}");

        var paged = (await OkAsync("records", "list", "roles", "--select", "name", "--page-size", "1")).Json.AsArray();

        Assert.Equal(Names(all), Names(paged));
        Assert.Contains("System Administrator", Names(paged));
    }

    [Fact]
    public async Task List_top_limits_the_rows()
    {
        await LoginAsync();

        var rows = (await OkAsync("records", "list", "roles", "--top", "2", "--orderby", "name")).Json.AsArray();

        Assert.Equal(2, rows.Count);
    }

    [Fact]
    public async Task A_filter_the_server_cannot_parse_is_refused()
    {
        await LoginAsync();

        var line = AssertOneErrorLine(await Cli.RunAsync("records", "list", "mailboxes", "--filter", "nosuchcolumn eq 1"), 1);

        Assert.Contains("nosuchcolumn", line);
    }

    [Fact]
    public async Task Create_then_set_then_get_shows_the_new_value_rule_37()
    {
        await LoginAsync(await Server.NewEnvironmentAsync());
        var id = await CreateImapProfileAsync();

        var set = await OkAsync("records", "set", "emailserverprofiles", id.ToString(), "defaultserverlocation=https://partner.outlook.cn/EWS/Exchange.asmx");
        Assert.Equal($"updated emailserverprofiles({id})", Assert.Single(set.OutLines));

        var profile = (await OkAsync("records", "get", "emailserverprofile", id.ToString())).Json;
        Assert.Equal("https://partner.outlook.cn/EWS/Exchange.asmx", profile["defaultserverlocation"]!.GetValue<string>());
        Assert.Equal("IMAP", profile["name"]!.GetValue<string>());
        Assert.Equal(4, profile["servertype"]!.GetValue<int>());
        Assert.Equal("imap.example.test", profile["incomingserverlocation"]!.GetValue<string>());
        Assert.Equal(993, profile["incomingportnumber"]!.GetValue<int>()); // the server's IMAP-over-TLS default
    }

    [Fact]
    public async Task Set_sends_numbers_booleans_and_quoted_text_with_their_json_types()
    {
        await LoginAsync(await Server.NewEnvironmentAsync());
        var id = (await CreateImapProfileAsync()).ToString();

        await OkAsync("records", "set", "emailserverprofile", id, "incomingportnumber=1993", "incomingusessl=true", "description=\"42\"", "outgoingusername=null");

        var profile = (await OkAsync("records", "get", "emailserverprofile", id, "--fields", "incomingportnumber,incomingusessl,description,outgoingusername")).Json;
        Assert.Equal(1993, profile["incomingportnumber"]!.GetValue<int>());
        Assert.True(profile["incomingusessl"]!.GetValue<bool>());
        Assert.Equal("42", profile["description"]!.GetValue<string>());
        Assert.Null(profile["outgoingusername"]);
    }

    [Fact]
    public async Task A_refused_change_exits_1_names_the_column_and_leaves_the_mailbox_unchanged()
    {
        await LoginAsync(await Server.NewEnvironmentAsync());
        var before = await AdminMailboxAsync();
        var id = before["mailboxid"]!.ToString();

        var result = await Cli.RunAsync("records", "set", "mailboxes", id, "emailrouteraccessapproval=1", "name=x");

        var line = AssertOneErrorLine(result, 1);
        Assert.Contains("emailrouteraccessapproval", line);
        Assert.EndsWith("(0x80040203)", line);
        var after = (await OkAsync("records", "get", "mailboxes", id)).Json;
        Assert.Equal(before["name"]!.GetValue<string>(), after["name"]!.GetValue<string>());
        Assert.Equal(before["emailrouteraccessapproval"]!.GetValue<int>(), after["emailrouteraccessapproval"]!.GetValue<int>());
        Assert.Equal(before["@odata.etag"]!.GetValue<string>(), after["@odata.etag"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_column_is_refused()
    {
        await LoginAsync();
        var id = (await AdminMailboxAsync())["mailboxid"]!.ToString();

        var line = AssertOneErrorLine(await Cli.RunAsync("records", "set", "mailbox", id, "nosuchcolumn=1"), 1);

        Assert.Equal("error: Invalid property 'nosuchcolumn' was found in entity 'Microsoft.Dynamics.CRM.mailbox'. (0x80060888)", line);
    }

    [Fact]
    public async Task Set_on_a_missing_row_is_refused_rather_than_creating_it()
    {
        await LoginAsync(await Server.NewEnvironmentAsync());
        var id = Guid.NewGuid();

        var line = AssertOneErrorLine(await Cli.RunAsync("records", "set", "emailserverprofiles", id.ToString(), "name=ghost"), 1);

        Assert.Contains("Does Not Exist", line);
        Assert.Empty((await OkAsync("records", "list", "emailserverprofiles", "--filter", "name eq 'ghost'")).Json.AsArray());
    }

    [Fact]
    public async Task Create_that_the_server_refuses_prints_one_error_and_no_id()
    {
        await LoginAsync(await Server.NewEnvironmentAsync());

        var line = AssertOneErrorLine(await Cli.RunAsync("records", "create", "emailserverprofiles", "name=IMAP", "servertype=4",
            "incomingcredentialretrieval=0", "outgoingcredentialretrieval=0", "outgoingserverlocation=smtp.example.test"), 1);

        Assert.Contains("incomingserverlocation", line);
        Assert.Empty((await OkAsync("records", "list", "emailserverprofiles")).Json.AsArray());
    }

    private static List<string> Names(JsonArray rows) => rows.Select(r => r!["name"]!.GetValue<string>()).Order().ToList();
}
