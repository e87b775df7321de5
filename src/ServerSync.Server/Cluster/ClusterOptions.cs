using ServerSync.Storage;

namespace ServerSync.Server.Cluster;

/// <summary>
/// Orleans clustering (section <c>ServerSync:Cluster</c>). The embedded default is one node with localhost
/// clustering; <c>AdoNet</c> keeps the membership table in PostgreSQL so several nodes form one cluster.
/// Orleans' membership timings bind from the subsection <c>ServerSync:Cluster:Membership</c>.
/// </summary>
public sealed class ClusterOptions
{
    public const string Localhost = "Localhost";
    public const string AdoNet = "AdoNet";

    /// <summary><c>Localhost</c> (one node) or <c>AdoNet</c> (membership table in PostgreSQL).</summary>
    public string Clustering { get; set; } = Localhost;

    /// <summary>The PostgreSQL database of the membership table; by default the store's, when the store is PostgreSQL.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Nodes with the same ClusterId in the same membership table form one cluster.</summary>
    public string ClusterId { get; set; } = "serversync";

    public string ServiceId { get; set; } = "serversync";

    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other nodes reach this one at (an IP or host name); by default the host's first IPv4 address.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>
    /// This node's name in hostid and machinename when ServerSync:HostId isn't set: the machine's name and the silo port,
    /// because two nodes on one machine differ only in their ports.
    /// </summary>
    public string DefaultHostId(string machineName) => $"{machineName}:{SiloPort}";

    public bool IsAdoNet => Clustering.Equals(AdoNet, StringComparison.OrdinalIgnoreCase);

    /// <summary>The explicit connection string, else the store's when it is PostgreSQL, else none.</summary>
    public string? MembershipConnectionString(StorageOptions storage) =>
        !string.IsNullOrWhiteSpace(ConnectionString) ? ConnectionString
        : storage.Provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase) ? storage.ConnectionString
        : null;

    /// <summary>Why this node can't start with these settings, in one line naming the key; null when it can.</summary>
    public string? ConfigurationError(StorageOptions storage)
    {
        if (!IsAdoNet && !Clustering.Equals(Localhost, StringComparison.OrdinalIgnoreCase))
            return $"ServerSync:Cluster:Clustering '{Clustering}' is not supported; use {Localhost} or {AdoNet}.";
        if (IsAdoNet && MembershipConnectionString(storage) is null)
            return $"ServerSync:Cluster:Clustering={AdoNet} needs PostgreSQL: set ServerSync:Cluster:ConnectionString, or use ServerSync:Storage:Provider=Postgres.";
        return null;
    }
}
