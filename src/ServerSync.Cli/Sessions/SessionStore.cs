using System.Text.Json;

namespace ServerSync.Cli.Sessions;

/// <summary>
/// Reads and writes the session file. The file holds a bearer token, so it is created readable by its
/// owner only (0600, in a 0700 folder when the folder is new) and replaced atomically so that a
/// half-written token is never left behind.
/// </summary>
public sealed class SessionStore(string path, TimeProvider clock)
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public string Path { get; } = path;

    public void Save(Session session)
    {
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;
        if (!Directory.Exists(folder))
        {
            if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
            else Directory.CreateDirectory(folder, OwnerOnlyFolder);
        }

        var temporary = $"{Path}.{Guid.NewGuid():N}.tmp";
        try
        {
            // The mode is set at creation, so the token is never readable by others, not even briefly.
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnlyFile;
            using (var stream = new FileStream(temporary, options))
                JsonSerializer.Serialize(stream, session, Json);
            File.Move(temporary, Path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>The saved session, or a "not logged in" failure when there is none or it has expired.</summary>
    public Session Load()
    {
        Session? session;
        try
        {
            using var stream = File.OpenRead(Path);
            session = JsonSerializer.Deserialize<Session>(stream, Json);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw CliException.NotConnected($"not logged in; run 'serversync login' first (no session at {Path})");
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw CliException.NotConnected($"the session file {Path} can't be read ({e.Message}); run 'serversync login' again");
        }
        if (session is null || string.IsNullOrEmpty(session.Url) || string.IsNullOrEmpty(session.Environment) || string.IsNullOrEmpty(session.Token))
            throw CliException.NotConnected($"the session file {Path} is incomplete; run 'serversync login' again");
        if (session.Expires is { } expires && expires <= clock.GetUtcNow())
            throw CliException.NotConnected($"the session expired at {expires:u}; run 'serversync login' again");
        return session;
    }

    /// <summary>Forgets the session; false when there was none.</summary>
    public bool Delete()
    {
        if (!File.Exists(Path)) return false;
        File.Delete(Path);
        return true;
    }
}
