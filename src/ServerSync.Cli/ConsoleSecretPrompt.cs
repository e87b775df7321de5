using System.Text;

namespace ServerSync.Cli;

/// <summary>Asks for a password on the terminal without echoing it.</summary>
public static class ConsoleSecretPrompt
{
    /// <summary>The typed secret, or null when stdin is not a terminal (a script must pass it another way).</summary>
    public static string? Read(string prompt)
    {
        if (Console.IsInputRedirected) return null;
        Console.Error.Write(prompt);
        var secret = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace) { if (secret.Length > 0) secret.Length--; continue; }
            if (!char.IsControl(key.KeyChar)) secret.Append(key.KeyChar);
        }
        Console.Error.WriteLine();
        return secret.ToString();
    }
}
