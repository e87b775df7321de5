using System.CommandLine;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ServerSync.Cli.Output;
using ServerSync.Cli.Records;

namespace ServerSync.Cli.Commands;

/// <summary><c>serversync records get|list|set|create</c>: rows of any table, like Get-CrmRecord and Set-CrmRecord.</summary>
public static partial class RecordsCommand
{
    public static Command Create(CliContext cli) =>
        new("records", "Read and write rows of a table (logical name or entity set: mailbox or mailboxes)")
        {
            Get(cli), List(cli), Set(cli), CreateRow(cli),
        };

    private static Command Get(CliContext cli)
    {
        var table = TableArgument();
        var id = new Argument<Guid>("id") { Description = "The row's id" };
        var fields = new Option<string?>("--fields", "--select") { Description = "Columns to return, comma-separated" };
        var command = new Command("get", "Print one row as JSON") { table, id, fields };
        command.SetAction((parse, ct) =>
        {
            var set = EntitySetNames.ToEntitySet(parse.GetValue(table)!);
            return cli.WithApiAsync(async api =>
            {
                var row = await api.GetAsync(Query.Build($"{set}({parse.GetValue(id)})", ("$select", Query.ColumnList(parse.GetValue(fields)))), ct);
                JsonPrinter.Write(cli.Out, row);
                return ExitCodes.Success;
            });
        });
        return command;
    }

    private static Command List(CliContext cli)
    {
        var table = TableArgument();
        var filter = new Option<string?>("--filter") { Description = "An OData $filter, e.g. \"statecode eq 0\"" };
        var select = new Option<string?>("--select", "--fields") { Description = "Columns to return, comma-separated" };
        var orderBy = new Option<string?>("--orderby") { Description = "An OData $orderby, e.g. \"name desc\"" };
        var top = new Option<int?>("--top") { Description = "Return at most this many rows" };
        var pageSize = new Option<int?>("--page-size") { Description = "Rows per request (odata.maxpagesize); all pages are read" };
        var command = new Command("list", "Print the rows of a table as a JSON array, reading every page") { table, filter, select, orderBy, top, pageSize };
        command.SetAction((parse, ct) =>
        {
            var topValue = parse.GetValue(top);
            var pageSizeValue = parse.GetValue(pageSize);
            if (topValue < 0) throw CliException.Usage("--top must be 0 or more");
            if (pageSizeValue < 1) throw CliException.Usage("--page-size must be 1 or more");
            var set = EntitySetNames.ToEntitySet(parse.GetValue(table)!);
            return cli.WithApiAsync(async api =>
            {
                var path = Query.Build(set,
                    ("$select", Query.ColumnList(parse.GetValue(select))),
                    ("$filter", parse.GetValue(filter)),
                    ("$orderby", parse.GetValue(orderBy)),
                    ("$top", topValue?.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                var rows = await api.ListAsync(path, pageSizeValue, topValue, ct);
                JsonPrinter.Write(cli.Out, new JsonArray(rows.Select(r => (JsonNode)r).ToArray()));
                return ExitCodes.Success;
            });
        });
        return command;
    }

    private static Command Set(CliContext cli)
    {
        var table = TableArgument();
        var id = new Argument<Guid>("id") { Description = "The row's id" };
        var assignments = AssignmentsArgument();
        var command = new Command("set", "Change columns of one row: col=value ...") { table, id, assignments };
        command.SetAction((parse, ct) =>
        {
            // Parse everything before touching the session: a usage error must not depend on being logged in.
            var set = EntitySetNames.ToEntitySet(parse.GetValue(table)!);
            var body = ColumnValues.Parse(parse.GetValue(assignments)!);
            return cli.WithApiAsync(async api =>
            {
                var rowId = parse.GetValue(id);
                await api.PatchAsync($"{set}({rowId})", body, ct);
                cli.Out.WriteLine($"updated {set}({rowId})");
                return ExitCodes.Success;
            });
        });
        return command;
    }

    private static Command CreateRow(CliContext cli)
    {
        var table = TableArgument();
        var assignments = AssignmentsArgument();
        var command = new Command("create", "Create a row from col=value ... and print its id") { table, assignments };
        command.SetAction((parse, ct) =>
        {
            var set = EntitySetNames.ToEntitySet(parse.GetValue(table)!);
            var body = ColumnValues.Parse(parse.GetValue(assignments)!);
            return cli.WithApiAsync(async api =>
            {
                var written = await api.PostAsync(set, body, returnRepresentation: true, ct);
                cli.Out.WriteLine(NewId(set, written.EntityId, written.Body)
                    ?? throw CliException.Refused($"the server created the {set} row but did not say its id"));
                return ExitCodes.Success;
            });
        });
        return command;
    }

    /// <summary>The id from OData-EntityId (<c>…/set(id)</c>), else from the key column of the returned row.</summary>
    private static string? NewId(string set, string? entityId, JsonObject? body)
    {
        if (entityId is not null && EntityIdPattern().Match(entityId) is { Success: true } match) return match.Groups[1].Value;
        var key = body?[EntitySetNames.ToLogicalName(set) + "id"] as JsonValue;
        return key?.ToString();
    }

    private static Argument<string> TableArgument() => new("table") { Description = "Logical name (mailbox) or entity set (mailboxes)" };

    private static Argument<string[]> AssignmentsArgument() => new("assignments")
    {
        Description = "col=value; true/false/null and numbers are JSON literals, \"quoted\" stays text, col@odata.bind=/set(id) sets a lookup",
        Arity = ArgumentArity.OneOrMore,
    };

    [GeneratedRegex(@"\(([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\)$")]
    private static partial Regex EntityIdPattern();
}
