namespace ServerSync.Domain.Activities;

/// <summary>
/// What smart matching (reference 2.6) compares besides addresses, kept per email as Dataverse keeps its EmailHash
/// rows: the hash of the subject's words once reply prefixes and the tracking token are gone. Two emails' subjects match
/// when their hashes are equal (HashDeltaSubjectCount 0), so candidates are found through an index on the hash instead
/// of by reading every email that shares an address (the mailbox's own address is on all of them). Every email has
/// one row; internal, not a Dataverse table on the Web API.
/// </summary>
public sealed class EmailHash
{
    /// <summary>Written by the migration that created the table, until the start-up step computes the real hash.</summary>
    public static readonly Guid NotComputed = Guid.Empty;

    public Guid ActivityId { get; set; }

    public Guid EnvironmentId { get; set; }

    /// <summary>Null when the subject has no words to match on.</summary>
    public Guid? SubjectHash { get; set; }

    /// <summary>The email's creation time: smart matching searches the last 90 days.</summary>
    public DateTimeOffset CreatedOn { get; set; }

    public static EmailHash For(EmailActivity email) => new()
    {
        ActivityId = email.Id, EnvironmentId = email.EnvironmentId, CreatedOn = email.CreatedOn,
        SubjectHash = SubjectNormalizer.Hash(email.Subject, email.TrackingToken),
    };
}
