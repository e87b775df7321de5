using Orleans.Configuration;
using ServerSync.Storage;

namespace ServerSync.Server.Cluster;

public static class SiloBuilderClusterExtensions
{
    /// <summary>
    /// Joins this node's silo to its cluster as <see cref="ClusterOptions"/> says: localhost clustering, or ADO.NET
    /// clustering on PostgreSQL with ServerSync's schema applied first. Call after <see cref="ClusterOptions.ConfigurationError"/>.
    /// </summary>
    public static ISiloBuilder UseServerSyncCluster(this ISiloBuilder silo, ClusterOptions cluster, StorageOptions storage, IConfiguration membership)
    {
        silo.Services.Configure<ClusterMembershipOptions>(membership);
        if (!cluster.IsAdoNet)
            return silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);

        var connectionString = cluster.MembershipConnectionString(storage)!;
        silo.Configure<Orleans.Configuration.ClusterOptions>(o =>
        {
            o.ClusterId = cluster.ClusterId;
            o.ServiceId = cluster.ServiceId;
        });
        silo.ConfigureEndpoints(cluster.AdvertisedAddress, cluster.SiloPort, cluster.GatewayPort);
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp =>
            new AdoNetClusteringSchema(connectionString, sp.GetRequiredService<ILogger<AdoNetClusteringSchema>>()));
        return silo.UseAdoNetClustering(o =>
        {
            o.Invariant = "Npgsql";
            o.ConnectionString = connectionString;
        });
    }
}
