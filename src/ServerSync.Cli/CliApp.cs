using System.CommandLine;
using System.CommandLine.Invocation;
using ServerSync.Cli.Commands;

namespace ServerSync.Cli;

/// <summary>
/// The <c>serversync</c> command. Parses, runs one command, and turns every failure into a single
/// <c>error: …</c> line on stderr with exit code 1 (refused), 2 (usage) or 3 (not connected); users
/// never see a stack trace.
/// </summary>
public sealed class CliApp(CliDependencies dependencies)
{
    public async Task<int> RunAsync(string[] args, CancellationToken ct = default)
    {
        var root = BuildRootCommand(new CliContext(dependencies));
        // No response files: a token starting with @ is a value (an OData annotation), not a file to expand.
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Action is ParseErrorAction && parse.Errors.Count > 0)
        {
            var path = string.Join(' ', Path(parse.CommandResult.Command));
            // A mistyped command word explains itself better than the "command not provided" that follows from it.
            var message = parse.UnmatchedTokens.Count > 0 ? $"unknown command or argument '{parse.UnmatchedTokens[0]}'." : parse.Errors[0].Message;
            Fail(CliException.Usage($"{message} See '{path} --help'."));
            return ExitCodes.Usage;
        }

        var invocation = new InvocationConfiguration
        {
            Output = dependencies.Out,
            Error = dependencies.Error,
            EnableDefaultExceptionHandler = false, // we print our own one-line errors below
            ProcessTerminationTimeout = null,      // leave Ctrl+C to the runtime; it must not hook the console in tests
        };
        try
        {
            return await parse.InvokeAsync(invocation, ct);
        }
        catch (CliException e)
        {
            return Fail(e);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return Fail(CliException.NotConnected("cancelled"));
        }
        catch (Exception e)
        {
            // A bug of ours or an unforeseen failure: still one line, with the type to help a bug report.
            return Fail(CliException.Refused($"{e.Message} [{e.GetType().Name}]"));
        }
    }

    public static RootCommand BuildRootCommand(CliContext cli) =>
        new("serversync: sign in to a ServerSync environment and read or change its rows, like Get-CrmRecord and Set-CrmRecord")
        {
            LoginCommand.Create(cli),
            LogoutCommand.Create(cli),
            RecordsCommand.Create(cli),
            MailboxesCommand.Create(cli),
            ProfilesCommand.Create(cli),
        };

    private int Fail(CliException e)
    {
        dependencies.Error.WriteLine(e.ToErrorLine());
        return e.ExitCode;
    }

    private static IEnumerable<string> Path(Command command)
    {
        var names = new List<string>();
        for (Symbol? s = command; s is Command c; s = c.Parents.FirstOrDefault())
            names.Insert(0, c is RootCommand ? "serversync" : c.Name);
        return names;
    }
}
