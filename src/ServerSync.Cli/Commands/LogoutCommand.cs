using System.CommandLine;

namespace ServerSync.Cli.Commands;

/// <summary><c>serversync logout</c>: deletes the session file, and with it the token.</summary>
public static class LogoutCommand
{
    public static Command Create(CliContext cli)
    {
        var command = new Command("logout", "Forget the saved session");
        command.SetAction(_ =>
        {
            var store = cli.Sessions;
            cli.Out.WriteLine(store.Delete() ? "logged out" : $"not logged in (no session at {store.Path})");
            return ExitCodes.Success;
        });
        return command;
    }
}
