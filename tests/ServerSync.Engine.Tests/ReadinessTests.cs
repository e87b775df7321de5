using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using ServerSync.Testing;

namespace ServerSync.Engine.Tests;

/// <summary>
/// /health/ready follows the store: a PostgreSQL cluster of this test's own (scripts/pg-start.sh, so stopping it touches no
/// other test) is stopped under a running server with its engine, then started again.
/// </summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task Ready_turns_unhealthy_when_PostgreSQL_stops_and_healthy_when_it_is_back()
    {
        var cluster = Directory.CreateTempSubdirectory("serversync-ready-pg-").FullName;
        var port = ServerProcess.FreePort();
        var data = Directory.CreateTempSubdirectory("serversync-ready-").FullName;
        try
        {
            await ScriptAsync("pg-start.sh", cluster, port.ToString());
            var settings = new Dictionary<string, string>
            {
                ["ServerSync:DataDirectory"] = data,
                ["ServerSync:Storage:Provider"] = "Postgres",
                ["ServerSync:Storage:ConnectionString"] = $"Host=127.0.0.1;Port={port};Username=postgres;Password=postgres;Database=postgres;Timeout=15",
                ["SERVERSYNC_ADMIN_UPN"] = ServerFixture.AdminUpn,
                ["SERVERSYNC_ADMIN_PASSWORD"] = ServerFixture.AdminPassword,
                ["Logging:LogLevel:Default"] = "Warning",
            };
            foreach (var (key, value) in EngineSettings.All()) settings[key] = value;
            await using var server = new ServerProcess(settings);
            await server.StartAsync();
            using var http = server.CreateClient();

            var ready = await ReadyWhenAsync(http, HttpStatusCode.OK);
            Assert.Equal("healthy", ready["status"]!.GetValue<string>());
            foreach (var check in new[] { "store", "scheduler", "silo" }) Assert.Equal("healthy", ready["checks"]![check]!["status"]!.GetValue<string>());

            await ScriptAsync("pg-stop.sh", cluster);
            var down = await ReadyWhenAsync(http, HttpStatusCode.ServiceUnavailable);
            Assert.Equal("unhealthy", down["checks"]!["store"]!["status"]!.GetValue<string>());
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode); // the process still answers
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode);

            await ScriptAsync("pg-start.sh", cluster, port.ToString());
            var back = await ReadyWhenAsync(http, HttpStatusCode.OK);
            Assert.Equal("healthy", back["checks"]!["store"]!["status"]!.GetValue<string>());
            Assert.Equal("healthy", back["checks"]!["scheduler"]!["status"]!.GetValue<string>());
        }
        finally
        {
            await ScriptAsync("pg-stop.sh", cluster, "--purge");
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }

    private static Task<JsonObject> ReadyWhenAsync(HttpClient http, HttpStatusCode status) =>
        Eventually.ValueAsync(async () =>
        {
            var response = await http.GetAsync("/health/ready");
            return response.StatusCode == status ? JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject() : null;
        }, $"/health/ready to answer {(int)status}");

    private static async Task ScriptAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(MailStack.RepositoryRoot(), "scripts", script), .. arguments])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{script} failed: {await output}");
    }
}
