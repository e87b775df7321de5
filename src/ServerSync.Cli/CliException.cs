namespace ServerSync.Cli;

/// <summary>
/// A failure the user should see as one line, <c>error: message (code)</c>, with its exit code.
/// Commands throw it instead of writing errors themselves so that the format lives in one place.
/// </summary>
public sealed class CliException(int exitCode, string message, string? code = null) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    /// <summary>The server's error code (<c>0x…</c>) or OAuth error, when the server gave one.</summary>
    public string? Code { get; } = code;

    public static CliException Usage(string message) => new(ExitCodes.Usage, message);

    public static CliException NotConnected(string message, string? code = null) => new(ExitCodes.NotConnected, message, code);

    public static CliException Refused(string message, string? code = null) => new(ExitCodes.Refused, message, code);

    /// <summary>The single stderr line; embedded line breaks are flattened so scripts can rely on one line.</summary>
    public string ToErrorLine()
    {
        var text = string.Join(' ', Message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return Code is null ? $"error: {text}" : $"error: {text} ({Code})";
    }
}
