using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServerSync.Connectors.Pop3;

/// <summary>
/// Where POP3 sync stands, stored by the engine as {"s":[uidl, …]}: the UIDLs already returned or deliberately
/// skipped that are still on the server (POP3 has no "newer than" query, so the set is the whole memory).
/// </summary>
internal sealed record Pop3SyncState([property: JsonPropertyName("s")] IReadOnlyList<string> SeenUidls)
{
    public string ToJson() => JsonSerializer.Serialize(this);

    public static bool TryParse(string json, [NotNullWhen(true)] out Pop3SyncState? state)
    {
        try
        {
            state = JsonSerializer.Deserialize<Pop3SyncState>(json);
        }
        catch (JsonException)
        {
            state = null;
        }

        // A document without "s" deserializes with a null list despite the annotation.
        if (state?.SeenUidls is null)
        {
            state = null;
        }

        return state is not null;
    }
}
