namespace ServerSync.Engine.Scheduling;

/// <summary>One grain per mailbox: Orleans keeps a single activation cluster-wide, so a mailbox is never processed twice at once.</summary>
public interface IMailboxGrain : IGrainWithGuidKey
{
    /// <summary>Runs a cycle now when <paramref name="runNow"/> or when none is scheduled yet; cheap when one already is.</summary>
    Task PokeAsync(bool runNow);

    /// <summary>Sends Pending Send mail now, outgoing only: no incoming session, the timer and IDLE wait stay as they are.</summary>
    Task SendNowAsync();
}
