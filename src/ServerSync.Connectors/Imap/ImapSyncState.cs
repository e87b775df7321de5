using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServerSync.Connectors.Imap;

/// <summary>
/// Where IMAP sync of the Inbox stands, stored by the engine as {"v":uidvalidity,"u":lastUid}: every UID up to
/// <see cref="LastUid"/> has been returned, deliberately skipped (older than the processing start), or is in
/// <see cref="Missing"/> ({"m":{"uid":tries}}): listed by the server but not returned by its FETCH, to try again.
/// </summary>
internal sealed record ImapSyncState(
    [property: JsonPropertyName("v")] uint UidValidity,
    [property: JsonPropertyName("u")] uint LastUid,
    [property: JsonPropertyName("m"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<uint, int>? Missing = null)
{
    public string ToJson() => JsonSerializer.Serialize(this);

    public static bool TryParse(string json, [NotNullWhen(true)] out ImapSyncState? state)
    {
        try
        {
            state = JsonSerializer.Deserialize<ImapSyncState>(json);
        }
        catch (JsonException)
        {
            state = null;
        }

        return state is not null;
    }
}
