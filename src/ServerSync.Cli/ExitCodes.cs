namespace ServerSync.Cli;

/// <summary>What the process exit code tells a calling script.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The server refused the request, or a bulk action failed for at least one mailbox.</summary>
    public const int Refused = 1;

    /// <summary>The command line itself is wrong; nothing was sent.</summary>
    public const int Usage = 2;

    /// <summary>The server could not be reached, or there is no valid session.</summary>
    public const int NotConnected = 3;
}
