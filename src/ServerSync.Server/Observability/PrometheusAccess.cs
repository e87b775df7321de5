using System.Security.Cryptography;
using System.Text;

namespace ServerSync.Server.Observability;

/// <summary>
/// Who may read <c>/metrics</c>: a client address in the allowed networks (after the trusted proxies' X-Forwarded-For)
/// and, when a scrape token is set, that token as a bearer token, compared in constant time.
/// </summary>
public sealed class PrometheusAccess
{
    private static readonly System.Net.IPNetwork[] Loopback = [System.Net.IPNetwork.Parse("127.0.0.0/8"), System.Net.IPNetwork.Parse("::1/128")];

    private readonly System.Net.IPNetwork[] _networks;
    private readonly byte[]? _tokenHash;

    private PrometheusAccess(System.Net.IPNetwork[] networks, string? token)
    {
        _networks = networks;
        _tokenHash = string.IsNullOrEmpty(token) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(token));
    }

    /// <summary>The access rule, or why the settings are wrong (the server doesn't start).</summary>
    public static (PrometheusAccess? Access, string? Error) From(PrometheusSettings settings)
    {
        var networks = new List<System.Net.IPNetwork>();
        foreach (var network in settings.AllowedNetworks)
        {
            if (!System.Net.IPNetwork.TryParse(network, out var parsed)) return (null, $"ServerSync:Metrics:Prometheus:AllowedNetworks: '{network}' is not a network in CIDR notation.");
            networks.Add(parsed);
        }
        return (new PrometheusAccess(networks.Count == 0 ? Loopback : [.. networks], settings.ScrapeToken), null);
    }

    /// <summary>Null when the request may scrape; otherwise the status to answer (403 wrong network, 401 no or wrong token).</summary>
    public int? Refusal(HttpContext context)
    {
        if (context.Connection.RemoteIpAddress is not { } address) return StatusCodes.Status403Forbidden;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (!_networks.Any(n => n.Contains(address))) return StatusCodes.Status403Forbidden;
        if (_tokenHash is null) return null;
        var header = context.Request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        var given = header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? header[prefix.Length..].Trim() : "";
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), _tokenHash) ? null : StatusCodes.Status401Unauthorized;
    }
}
