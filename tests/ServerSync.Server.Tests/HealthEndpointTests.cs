using System.Net;
using System.Text.Json.Nodes;
using ServerSync.Testing;

namespace ServerSync.Server.Tests;

/// <summary>Health and metrics endpoints of an API-only node: anonymous health, no /metrics unless configured.</summary>
public sealed class HealthEndpointTests(SqliteServer server) : IClassFixture<SqliteServer>
{
    [Fact]
    public async Task Live_and_ready_answer_without_a_token_and_ready_checks_the_store_only_without_the_engine()
    {
        using var http = server.CreateClient();
        var live = await http.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("healthy", JsonNode.Parse(await live.Content.ReadAsStringAsync())!["status"]!.GetValue<string>());

        var ready = await http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var checks = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!["checks"]!.AsObject();
        Assert.Equal(["store"], checks.Select(c => c.Key));
        Assert.Equal("healthy", checks["store"]!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task Metrics_are_off_unless_configured()
    {
        using var http = server.CreateClient();
        var response = await http.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("# TYPE", await response.Content.ReadAsStringAsync());
    }
}
