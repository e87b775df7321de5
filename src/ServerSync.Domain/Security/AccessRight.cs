namespace ServerSync.Domain.Security;

/// <summary>Dataverse's AccessRights values, used in privilege names (prv{Verb}{Table}).</summary>
public enum AccessRight
{
    Read = 1,
    Write = 2,
    Append = 4,
    AppendTo = 16,
    Create = 32,
    Delete = 65536,
    Share = 262144,
    Assign = 524288,
}
