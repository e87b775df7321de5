using System.Text.Json.Nodes;

namespace ServerSync.AdminUi.Components.Shared;

/// <summary>Display names of the option sets, as the Dataverse admin UI shows them.</summary>
public static class Labels
{
    public static readonly IReadOnlyList<(int Value, string Label)> ServerTypes =
        [(3, "Exchange Online"), (0, "Exchange Server"), (2, "Exchange Server (Hybrid)"), (4, "IMAP/SMTP Server"), (1, "POP3/SMTP Server")];

    public static readonly IReadOnlyList<(int Value, string Label)> CredentialRetrievals =
    [
        (2, "Server-to-Server Authentication (Same Tenant)"), (7, "OAuth (Cross Tenant)"),
        (0, "Credentials Specified by a User or Queue"), (1, "Credentials Specified in Email Server Profile"),
        (3, "Windows Integrated Authentication"), (5, "Gmail OAuth"), (6, "Exchange Hybrid Modern Auth"),
    ];

    /// <summary>Authentication types offered per server type (what ProfileRules accepts).</summary>
    public static IEnumerable<(int Value, string Label)> CredentialsFor(int serverType) => CredentialRetrievals.Where(c => serverType switch
    {
        3 => c.Value is 2 or 7,
        0 or 2 => c.Value is 1 or 3 or 6,
        _ => c.Value is 0 or 1 or 5,
    });

    public static readonly IReadOnlyList<(int Value, string Label)> Incoming =
        [(0, "None"), (1, "Microsoft Dynamics 365 for Outlook"), (2, "Server-Side Synchronization or Email Router"), (3, "Forward Mailbox")];

    public static readonly IReadOnlyList<(int Value, string Label)> Outgoing =
        [(0, "None"), (1, "Microsoft Dynamics 365 for Outlook"), (2, "Server-Side Synchronization or Email Router")];

    public static readonly IReadOnlyList<(int Value, string Label)> Act =
        [(2, "None"), (0, "Microsoft Dynamics 365 for Outlook"), (1, "Server-Side Synchronization")];

    public static readonly IReadOnlyList<(int Value, string Label)> Approval =
        [(0, "Empty"), (1, "Approved"), (2, "Pending Approval"), (3, "Rejected")];

    public static readonly IReadOnlyList<(int Value, string Label)> TestStatus = [(0, "Not Run"), (1, "Success"), (2, "Failure")];

    public static readonly IReadOnlyList<(int Value, string Label)> ExchangeVersions =
        [(0, "Exchange 2007"), (1, "Exchange 2007 SP1"), (2, "Exchange 2010"), (3, "Exchange 2010 SP1"), (4, "Exchange 2010 SP2"), (5, "Exchange 2013")];

    public static readonly IReadOnlyList<(int Value, string Label)> AuthProtocols = [(0, "Auto Detect"), (1, "Negotiate"), (2, "NTLM"), (3, "Basic"), (4, "OAuth")];

    public static readonly IReadOnlyList<(int Value, string Label)> TraceLevels = [(1, "Information"), (2, "Warning"), (3, "Error")];

    public static readonly IReadOnlyList<(int Value, string Label)> JobStatus =
    [
        (0, "Waiting For Resources"), (10, "Waiting"), (20, "In Progress"), (21, "Pausing"), (22, "Canceling"),
        (30, "Succeeded"), (31, "Failed"), (32, "Canceled"),
    ];

    public static readonly IReadOnlyList<(int Value, string Label)> JobState = [(0, "Ready"), (1, "Suspended"), (2, "Locked"), (3, "Completed")];

    public static string Of(IReadOnlyList<(int Value, string Label)> set, int? value) =>
        value is null ? "" : set.FirstOrDefault(x => x.Value == value).Label ?? value.Value.ToString();

    public static string Of(IReadOnlyList<(int Value, string Label)> set, JsonNode? value) =>
        value is null ? "" : Of(set, value.GetValue<int>());

    public static string Text(this JsonObject row, string column) => row[column]?.ToString() ?? "";

    public static int? Int(this JsonObject row, string column) => row[column] is { } v ? v.GetValue<int>() : null;

    public static bool Bool(this JsonObject row, string column) => row[column]?.GetValue<bool>() ?? false;

    public static Guid? Id(this JsonObject row, string column) => row[column] is { } v && Guid.TryParse(v.ToString(), out var g) ? g : null;

    public static string When(this JsonObject row, string column) =>
        row[column] is { } v && DateTimeOffset.TryParse(v.ToString(), out var d) ? d.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'") : "";
}
