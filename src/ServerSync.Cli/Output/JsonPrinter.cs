using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ServerSync.Cli.Output;

/// <summary>Writes JSON for people and for jq alike: indented, with non-ASCII text left readable.</summary>
public static class JsonPrinter
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // stdout is not HTML; keep é and < as they are
    };

    public static void Write(TextWriter writer, JsonNode? node) => writer.WriteLine(node?.ToJsonString(Options) ?? "null");
}
