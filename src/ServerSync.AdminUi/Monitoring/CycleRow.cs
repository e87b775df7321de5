using System.Text.Json.Nodes;

namespace ServerSync.AdminUi.Monitoring;

/// <summary>One mailboxstatistics row as the dashboard needs it.</summary>
public sealed record CycleRow(Guid MailboxId, bool Incoming, int Processed, int Failed, DateTimeOffset CompletedOn, int LatencyCount, long LatencyTotalMs, long LatencyMaxMs)
{
    /// <summary>The columns <see cref="From"/> reads, for <c>$select</c>.</summary>
    public const string Columns = "_mailboxid_value,operationtypeid,itemsprocessed,itemsfailed,mailboxprocesscompletedon,synclatencycount,synclatencytotalms,synclatencymaxms";

    public static CycleRow From(JsonObject row) => new(
        row["_mailboxid_value"]!.GetValue<Guid>(), row["operationtypeid"]!.GetValue<int>() == 0,
        row["itemsprocessed"]!.GetValue<int>(), row["itemsfailed"]!.GetValue<int>(), row["mailboxprocesscompletedon"]!.GetValue<DateTimeOffset>(),
        row["synclatencycount"]!.GetValue<int>(), row["synclatencytotalms"]!.GetValue<long>(), row["synclatencymaxms"]!.GetValue<long>());
}
