using ServerSync.Testing;

namespace ServerSync.Server.Tests;

/// <summary>The first start as a real process: what it refuses, it refuses before anyone can sign in.</summary>
public sealed class FirstStartTests
{
    [Fact]
    public async Task A_weak_first_admin_password_stops_the_start_with_the_rule()
    {
        var data = Directory.CreateTempSubdirectory("serversync-firststart-").FullName;
        try
        {
            await using var process = new ServerProcess(new Dictionary<string, string>
            {
                ["ServerSync:DataDirectory"] = data,
                ["ServerSync:EngineEnabled"] = "false",
                ["SERVERSYNC_ADMIN_PASSWORD"] = "aaaaaaaaaaaa",
            });
            var refusal = await Assert.ThrowsAsync<InvalidOperationException>(process.StartAsync);
            Assert.Contains("SERVERSYNC_ADMIN_PASSWORD is refused", refusal.Message);
            Assert.Contains("at least 12 characters", refusal.Message);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
