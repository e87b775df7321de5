namespace ServerSync.Server.DataProtection;

/// <summary>
/// The data directory holds the store and the keys: on Unix it is owner-only (0700) and so are the files ServerSync
/// keeps there (0600), whatever the umask. SQLite gives its -wal and -shm files the database file's mode.
/// </summary>
public static class OwnerOnly
{
    private const UnixFileMode Directory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode File = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static DirectoryInfo CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows()) return System.IO.Directory.CreateDirectory(path);
        var directory = System.IO.Directory.CreateDirectory(path, Directory);
        System.IO.File.SetUnixFileMode(path, Directory); // also narrows a directory made earlier or by someone else's umask
        return directory;
    }

    /// <summary>
    /// The data directory, its SQLite database (created empty here when missing, so it starts out 0600) with its
    /// -wal/-shm files, and the keys already written.
    /// </summary>
    public static void Secure(string dataDirectory, string? sqliteFile)
    {
        CreateDirectory(dataDirectory);
        if (OperatingSystem.IsWindows()) return;
        if (sqliteFile is { Length: > 0 } && sqliteFile != ":memory:" && !sqliteFile.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            && System.IO.Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(sqliteFile))))
        {
            if (!System.IO.File.Exists(sqliteFile))
                new FileStream(sqliteFile, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = File }).Dispose();
            foreach (var path in new[] { sqliteFile, sqliteFile + "-wal", sqliteFile + "-shm" })
                if (System.IO.File.Exists(path)) System.IO.File.SetUnixFileMode(path, File);
        }
        var keys = Path.Combine(dataDirectory, "keys");
        if (System.IO.Directory.Exists(keys))
            foreach (var key in System.IO.Directory.EnumerateFiles(keys)) System.IO.File.SetUnixFileMode(key, File);
    }
}
