namespace ServerSync.Domain.Tenancy;

/// <summary>
/// Failed password sign-ins of one user name, known to the directory or not (so a lockout tells nothing about
/// whether the account exists). Deleted by a successful sign-in or an unlock.
/// </summary>
public sealed class SignInLockout
{
    /// <summary>The normalized (trimmed, lower-case) user name that was tried.</summary>
    public string UserName { get; set; } = "";

    public int FailureCount { get; set; }

    /// <summary>When the current counting window began; failures older than the window no longer count.</summary>
    public DateTimeOffset WindowStartedOn { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }
}
