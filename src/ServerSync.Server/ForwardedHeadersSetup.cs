using System.Net;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;

namespace ServerSync.Server;

/// <summary>
/// The Host header is checked against <c>AllowedHosts</c> (it goes into @odata.context, nextLink and OData-EntityId);
/// the loopback names are always allowed, because the admin center calls its own API at a loopback address.
/// Behind a reverse proxy that terminates TLS: X-Forwarded-For and X-Forwarded-Proto count only from loopback and the
/// proxies under <c>ServerSync:ForwardedHeaders</c>, so the client address (sign-in throttle) and https (links, the
/// admin center's Secure cookie, RequireHttps) are the client's. The Host header stays the one the client sent, checked
/// against the allowed hosts.
/// </summary>
public static class ForwardedHeadersSetup
{
    /// <summary>Null when set up; otherwise why the server must not start.</summary>
    public static string? AddServerSyncForwardedHeaders(this IServiceCollection services, ForwardedHeadersSettings settings, string? allowedHosts)
    {
        var proxies = new List<IPAddress>();
        foreach (var proxy in settings.KnownProxies)
        {
            if (!IPAddress.TryParse(proxy, out var address)) return $"ServerSync:ForwardedHeaders:KnownProxies: '{proxy}' is not an IP address.";
            proxies.Add(address);
        }
        var networks = new List<System.Net.IPNetwork>();
        foreach (var network in settings.KnownNetworks)
        {
            if (!System.Net.IPNetwork.TryParse(network, out var parsed)) return $"ServerSync:ForwardedHeaders:KnownNetworks: '{network}' is not a network in CIDR notation.";
            networks.Add(parsed);
        }
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var address in proxies) o.KnownProxies.Add(address);
            foreach (var network in networks) o.KnownIPNetworks.Add(network);
        });
        var hosts = (allowedHosts ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        services.Configure<HostFilteringOptions>(o => o.AllowedHosts = hosts.Contains("*") ? ["*"] : [.. hosts.Union(LoopbackHosts)]);
        return null;
    }

    private static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];
}
