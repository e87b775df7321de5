using System.Net;
using Microsoft.AspNetCore.Http;
using ServerSync.Server.Observability;

namespace ServerSync.Server.Tests;

/// <summary>Who may read /metrics: the allowed networks (loopback unless configured) and, when set, the scrape token.</summary>
public sealed class PrometheusAccessTests
{
    private static HttpContext Request(string address, string? authorization = null)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(address);
        if (authorization is not null) context.Request.Headers.Authorization = authorization;
        return context;
    }

    private static PrometheusAccess Access(PrometheusSettings settings)
    {
        var (access, error) = PrometheusAccess.From(settings);
        Assert.Null(error);
        return access!;
    }

    [Fact]
    public void Without_networks_only_loopback_may_scrape()
    {
        var access = Access(new PrometheusSettings { Enabled = true });
        Assert.Null(access.Refusal(Request("127.0.0.1")));
        Assert.Null(access.Refusal(Request("::1")));
        Assert.Null(access.Refusal(Request("::ffff:127.0.0.1")));
        Assert.Equal(403, access.Refusal(Request("10.0.0.5")));
        Assert.Equal(403, access.Refusal(new DefaultHttpContext())); // no address known
    }

    [Fact]
    public void Allowed_networks_replace_loopback_and_the_token_is_needed_on_top()
    {
        var access = Access(new PrometheusSettings { Enabled = true, AllowedNetworks = ["10.0.0.0/24"], ScrapeToken = "s3cret-scrape" });
        Assert.Null(access.Refusal(Request("10.0.0.5", "Bearer s3cret-scrape")));
        Assert.Equal(401, access.Refusal(Request("10.0.0.5")));
        Assert.Equal(401, access.Refusal(Request("10.0.0.5", "Bearer s3cret-scrapE")));
        Assert.Equal(401, access.Refusal(Request("10.0.0.5", "Basic s3cret-scrape")));
        Assert.Equal(403, access.Refusal(Request("10.0.1.5", "Bearer s3cret-scrape")));
        Assert.Equal(403, access.Refusal(Request("127.0.0.1", "Bearer s3cret-scrape")));
    }

    [Fact]
    public void A_network_that_is_not_CIDR_stops_the_start()
    {
        var (access, error) = PrometheusAccess.From(new PrometheusSettings { AllowedNetworks = ["10.0.0.0/33"] });
        Assert.Null(access);
        Assert.Contains("10.0.0.0/33", error);
    }
}
