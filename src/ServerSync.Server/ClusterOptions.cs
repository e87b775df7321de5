namespace ServerSync.Server;

/// <summary>
/// Orleans clustering (section <c>ServerSync:Cluster</c>). The embedded default is one node with localhost
/// clustering on these ports; change them to run several processes on one machine.
/// </summary>
public sealed class ClusterOptions
{
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;
}
