using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ServerSync.Testing;

namespace ServerSync.Server.Tests;

/// <summary>The data directory at rest, with the server as a real process: owner-only files, encrypted keys.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DataProtectionTests : IDisposable
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string _root = Directory.CreateTempSubdirectory("serversync-dp-").FullName;

    private string Data => Path.Combine(_root, "data");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private Dictionary<string, string> Settings(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string>
        {
            ["ServerSync:DataDirectory"] = Data,
            ["ServerSync:EngineEnabled"] = "false",
            ["SERVERSYNC_ADMIN_UPN"] = ServerFixture.AdminUpn,
            ["SERVERSYNC_ADMIN_PASSWORD"] = ServerFixture.AdminPassword,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in more) settings[key] = value;
        return settings;
    }

    private static async Task<string> TokenAsync(ServerProcess server) =>
        await Api.RequestTokenAsync(server.CreateClient(), new()
        {
            ["grant_type"] = "password", ["username"] = ServerFixture.AdminUpn, ["password"] = ServerFixture.AdminPassword,
        });

    private static async Task<HttpStatusCode> UseAsync(ServerProcess server, string token)
    {
        using var http = server.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await http.GetAsync("/api/admin/users")).StatusCode;
    }

    private string KeyFiles() => string.Concat(Directory.GetFiles(Path.Combine(Data, "keys"), "*.xml").Select(File.ReadAllText));

    [Fact]
    public async Task The_data_directory_the_database_its_wal_and_the_keys_are_owner_only()
    {
        Directory.CreateDirectory(Data, OwnerOnlyDirectory | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        File.SetUnixFileMode(Data, (UnixFileMode)0b111_101_101); // as an earlier version or a loose umask left it
        await using (var server = new ServerProcess(Settings()))
        {
            await server.StartAsync();
            var token = await TokenAsync(server); // the first token writes the first key
            Assert.Equal(HttpStatusCode.OK, await UseAsync(server, token));

            Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(Data));
            Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(Path.Combine(Data, "keys")));
            foreach (var file in new[] { "serversync.db", "serversync.db-wal", "serversync.db-shm" })
                Assert.True(OwnerOnlyFile == File.GetUnixFileMode(Path.Combine(Data, file)), $"{file}: {File.GetUnixFileMode(Path.Combine(Data, file))}");
            var keys = Directory.GetFiles(Path.Combine(Data, "keys"), "*.xml");
            Assert.NotEmpty(keys);
            Assert.All(keys, k => Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(k)));
        }
    }

    [Fact]
    public async Task Keys_are_encrypted_with_the_key_encryption_key_and_useless_without_it()
    {
        var kek = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        string token;
        await using (var server = new ServerProcess(Settings(("ServerSync:DataProtection:KeyEncryptionKey", kek))))
        {
            await server.StartAsync();
            token = await TokenAsync(server);
        }
        Assert.DoesNotContain("<masterKey", KeyFiles());
        Assert.Contains("serverSyncEncryptedKey", KeyFiles());

        await using (var again = new ServerProcess(Settings(("ServerSync:DataProtection:KeyEncryptionKey", kek))))
        {
            await again.StartAsync();
            Assert.Equal(HttpStatusCode.OK, await UseAsync(again, token)); // the key ring decrypts after a restart
        }
        var other = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await using (var wrong = new ServerProcess(Settings(("ServerSync:DataProtection:KeyEncryptionKey", other))))
        {
            await wrong.StartAsync();
            Assert.Equal(HttpStatusCode.Unauthorized, await UseAsync(wrong, token));
        }
    }

    [Fact]
    public async Task Keys_can_be_protected_with_a_certificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=ServerSync key protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var pfx = Path.Combine(_root, "keys.pfx");
        File.WriteAllBytes(pfx, certificate.Export(X509ContentType.Pfx, "pfx-password"));
        var settings = Settings(("ServerSync:DataProtection:CertificateFile", pfx), ("ServerSync:DataProtection:CertificatePassword", "pfx-password"));
        string token;
        await using (var server = new ServerProcess(settings))
        {
            await server.StartAsync();
            token = await TokenAsync(server);
        }
        Assert.DoesNotContain("<masterKey", KeyFiles());
        Assert.Contains("EncryptedData", KeyFiles());
        await using (var again = new ServerProcess(settings))
        {
            await again.StartAsync();
            Assert.Equal(HttpStatusCode.OK, await UseAsync(again, token));
        }
    }

    [Fact]
    public async Task Unencrypted_keys_need_an_explicit_setting()
    {
        await using (var refused = new ServerProcess(Settings(("ServerSync:DataProtection:AllowUnprotectedKeys", "false"))))
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(refused.StartAsync);
            Assert.Contains("KeyEncryptionKey", error.Message);
        }
        await using (var allowed = new ServerProcess(Settings(("ServerSync:DataProtection:AllowUnprotectedKeys", "true"))))
        {
            await allowed.StartAsync();
            await TokenAsync(allowed);
        }
        Assert.Contains("<masterKey", KeyFiles());
    }
}
