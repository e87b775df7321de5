namespace ServerSync.Server;

/// <summary>The reverse proxies whose X-Forwarded-For / X-Forwarded-Proto count (<c>ServerSync:ForwardedHeaders</c>).</summary>
public sealed class ForwardedHeadersSettings
{
    /// <summary>IP addresses of the proxies in front of ServerSync (loopback is always trusted).</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of the proxies, in CIDR notation (e.g. 10.0.0.0/24).</summary>
    public string[] KnownNetworks { get; set; } = [];
}
