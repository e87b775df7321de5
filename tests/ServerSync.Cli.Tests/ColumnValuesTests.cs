using System.Text.Json.Nodes;
using ServerSync.Cli.Records;

namespace ServerSync.Cli.Tests;

public sealed class ColumnValuesTests
{
    [Theory]
    [InlineData("true", "true")]
    [InlineData("false", "false")]
    [InlineData("null", "null")]
    [InlineData("42", "42")]
    [InlineData("-7", "-7")]
    [InlineData("0", "0")]
    [InlineData("3.25", "3.25")]
    [InlineData("123456789012345678901234567890", "123456789012345678901234567890")]
    [InlineData("\"42\"", "\"42\"")]
    [InlineData("'true'", "\"true\"")]
    [InlineData("\"\"", "\"\"")]
    [InlineData("007", "\"007\"")]
    [InlineData("1e5", "\"1e5\"")]
    [InlineData("True", "\"True\"")]
    [InlineData("imap.example.test", "\"imap.example.test\"")]
    [InlineData("a=b", "\"a=b\"")]
    [InlineData("", "\"\"")]
    [InlineData("\"unbalanced", "\"\\u0022unbalanced\"")]
    public void Values_become_json_by_their_look(string text, string json)
    {
        Assert.Equal(json, ColumnValues.ParseValue(text)?.ToJsonString() ?? "null");
    }

    [Fact]
    public void Assignments_build_one_body_and_split_at_the_first_equals_sign()
    {
        var body = ColumnValues.Parse(["name=IMAP", "servertype=4", "defaultserverlocation=https://x.test/?a=b", "incomingusessl=true"]);

        Assert.Equal("""{"name":"IMAP","servertype":4,"defaultserverlocation":"https://x.test/?a=b","incomingusessl":true}""", body.ToJsonString());
    }

    [Fact]
    public void Lookup_binds_stay_text()
    {
        var id = Guid.NewGuid();

        var body = ColumnValues.Parse([$"emailserverprofile@odata.bind=/emailserverprofiles({id})", "parent@odata.bind=null", "x@odata.bind=12"]);

        Assert.Equal($"/emailserverprofiles({id})", body["emailserverprofile@odata.bind"]!.GetValue<string>());
        Assert.True(body.ContainsKey("parent@odata.bind"));
        Assert.Null(body["parent@odata.bind"]);
        Assert.Equal("12", body["x@odata.bind"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("name")]
    [InlineData("=value")]
    [InlineData("bad name=x")]
    [InlineData("1col=x")]
    public void Malformed_assignments_are_usage_errors(string assignment)
    {
        var e = Assert.Throws<CliException>(() => ColumnValues.Parse([assignment]));
        Assert.Equal(ExitCodes.Usage, e.ExitCode);
    }

    [Fact]
    public void A_column_given_twice_is_a_usage_error()
    {
        var e = Assert.Throws<CliException>(() => ColumnValues.Parse(["name=a", "name=b"]));
        Assert.Contains("more than once", e.Message);
    }

    [Fact]
    public void Numbers_reach_the_wire_as_numbers()
    {
        var node = ColumnValues.ParseValue("1993");
        Assert.Equal(System.Text.Json.JsonValueKind.Number, node!.GetValueKind());
        Assert.Equal(1993, node.GetValue<int>());
        Assert.IsAssignableFrom<JsonValue>(node);
    }
}
