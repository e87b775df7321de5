using System.CommandLine;
using System.Text.Json.Nodes;
using ServerSync.Cli.Api;

namespace ServerSync.Cli.Commands;

/// <summary>
/// <c>serversync mailboxes approve|apply-defaults|test-enable</c>: the bulk commands of the Active
/// Mailboxes grid. The server handles each mailbox on its own, so the output is one line per mailbox
/// and the exit code is 1 when any of them failed.
/// </summary>
public static class MailboxesCommand
{
    public static Command Create(CliContext cli) =>
        new("mailboxes", "Bulk actions on mailboxes")
        {
            Action(cli, "approve", "Approve the mailboxes' email addresses", "ApproveEmailAddresses", withTestEnableSwitch: false),
            Action(cli, "apply-defaults", "Apply the organization's default email settings (then Test & Enable unless --no-test-enable)",
                "ApplyDefaultEmailSettings", withTestEnableSwitch: true),
            Action(cli, "test-enable", "Schedule Test & Enable for the mailboxes", "TestAndEnableMailboxes", withTestEnableSwitch: false),
        };

    private static Command Action(CliContext cli, string name, string description, string operation, bool withTestEnableSwitch)
    {
        var ids = new Option<string?>("--ids") { Description = "Mailbox ids, comma-separated" };
        var filter = new Option<string?>("--filter") { Description = "An OData $filter on mailboxes, e.g. \"emailaddress eq 'a@b.test'\"" };
        var noTestEnable = new Option<bool>("--no-test-enable") { Description = "Apply the settings without scheduling Test & Enable" };
        var command = new Command(name, description) { ids, filter };
        if (withTestEnableSwitch) command.Options.Add(noTestEnable);

        command.SetAction((parse, ct) =>
        {
            var given = ParseIds(parse.GetValue(ids));
            var query = parse.GetValue(filter);
            if ((given is null) == string.IsNullOrWhiteSpace(query))
                throw CliException.Usage("choose the mailboxes with either --ids or --filter");
            return cli.WithApiAsync(async api =>
            {
                var mailboxIds = given ?? await ResolveAsync(api, query!, ct);
                var body = new JsonObject { ["MailboxIds"] = new JsonArray(mailboxIds.Select(id => (JsonNode)id.ToString()).ToArray()) };
                if (withTestEnableSwitch) body["TestAndEnable"] = !parse.GetValue(noTestEnable);
                var answer = await api.PostAsync(operation, body, returnRepresentation: false, ct);
                return Report(cli.Out, answer.Body);
            });
        });
        return command;
    }

    private static List<Guid>? ParseIds(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var ids = new List<Guid>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            ids.Add(Guid.TryParse(part, out var id) ? id : throw CliException.Usage($"'{part}' in --ids is not a mailbox id"));
        return ids.Count > 0 ? ids : null;
    }

    /// <summary>The ids of the mailboxes a filter matches; none is a failure, since the action would do nothing.</summary>
    private static async Task<List<Guid>> ResolveAsync(DataverseClient api, string filter, CancellationToken ct)
    {
        var rows = await api.ListAsync(Query.Build("mailboxes", ("$select", "mailboxid"), ("$filter", filter)), pageSize: null, limit: null, ct);
        var ids = rows.Select(r => Guid.TryParse((r["mailboxid"] as JsonValue)?.ToString(), out var id) ? id : Guid.Empty)
            .Where(id => id != Guid.Empty).ToList();
        return ids.Count > 0 ? ids : throw CliException.Refused($"no mailbox matches the filter {filter}");
    }

    /// <summary>One line per mailbox, <c>&lt;id&gt;  ok|FAILED  &lt;message&gt;</c>; exit code 1 when any failed.</summary>
    private static int Report(TextWriter output, JsonObject? body)
    {
        if (Property(body, "Results") is not JsonArray results)
            throw CliException.Refused("the server's answer has no Results array");
        var failed = false;
        foreach (var result in results.OfType<JsonObject>())
        {
            var ok = Property(result, "Succeeded") is JsonValue v && v.TryGetValue<bool>(out var b) && b;
            failed |= !ok;
            var message = (Property(result, "Message") as JsonValue)?.ToString() ?? "";
            output.WriteLine($"{Property(result, "MailboxId")}  {(ok ? "ok" : "FAILED")}  {message}");
        }
        return failed ? ExitCodes.Refused : ExitCodes.Success;
    }

    /// <summary>Reads a property whatever its casing: the action results are PascalCase, rows are lower case.</summary>
    private static JsonNode? Property(JsonObject? obj, string name) =>
        obj?.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
