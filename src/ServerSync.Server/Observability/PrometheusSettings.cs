namespace ServerSync.Server.Observability;

/// <summary>The Prometheus scrape endpoint <c>/metrics</c> (<c>ServerSync:Metrics:Prometheus</c>): off unless enabled, and only for whom it allows.</summary>
public sealed class PrometheusSettings
{
    public bool Enabled { get; set; }

    /// <summary>Networks (CIDR) scrapes may come from; loopback when none are given.</summary>
    public string[] AllowedNetworks { get; set; } = [];

    /// <summary>When set, a scrape must also send <c>Authorization: Bearer &lt;token&gt;</c>.</summary>
    public string? ScrapeToken { get; set; }
}
