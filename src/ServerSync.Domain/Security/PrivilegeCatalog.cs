using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using ServerSync.Domain.Metadata;

namespace ServerSync.Domain.Security;

/// <summary>The fixed set of privileges of an environment: table privileges plus the miscellaneous ones.</summary>
public static class PrivilegeCatalog
{
    /// <summary>"Approve Email Addresses for Users or Queues" (rules 16, 26).</summary>
    public const string ApproveRejectEmailAddress = "prvApproveRejectEmailAddress";

    /// <summary>"Send Email as Another User": an email whose From is another user may be sent only with it (and that user's consent).</summary>
    public const string SendAsUser = "prvSendAsUser";

    private static readonly AccessRight[] TableRights =
        [AccessRight.Create, AccessRight.Read, AccessRight.Write, AccessRight.Delete, AccessRight.Append, AccessRight.AppendTo, AccessRight.Assign, AccessRight.Share];

    public sealed record Entry(string Name, AccessRight? Right, Ownership Ownership);

    public static string NameFor(AccessRight right, string schemaName) => $"prv{right}{schemaName}";

    /// <summary>Every privilege for the given tables; organization-owned tables get Global depth only.</summary>
    public static IReadOnlyList<Entry> For(IEnumerable<Type> tables)
    {
        var entries = new List<Entry>();
        // Activities share one set of privileges (prvReadActivity, …), as in Dataverse.
        foreach (var table in tables.DistinctBy(t => t.GetCustomAttribute<DataverseTableAttribute>()!.SchemaName))
        {
            var meta = table.GetCustomAttribute<DataverseTableAttribute>()!;
            entries.AddRange(RightsOf(meta.LogicalName).Select(r => new Entry(NameFor(r, meta.SchemaName), r, meta.Ownership)));
        }
        entries.Add(new Entry(ApproveRejectEmailAddress, null, Ownership.Organization));
        entries.Add(new Entry(SendAsUser, null, Ownership.Organization));
        return entries;
    }

    /// <summary>The rights a table has privileges for: the organization and user settings are only read and written, as in Dataverse.</summary>
    public static IReadOnlyList<AccessRight> RightsOf(string logicalName) =>
        logicalName is "organization" or "usersettings" ? [AccessRight.Read, AccessRight.Write] : TableRights;

    /// <summary>Privilege ids are stable per environment so scripts can keep them.</summary>
    public static Guid IdFor(Guid environmentId, string privilegeName)
    {
        var hash = MD5.HashData(Encoding.UTF8.GetBytes($"{environmentId:N}/{privilegeName}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x30); // version 3 (name-based, MD5)
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash, bigEndian: true);
    }
}
