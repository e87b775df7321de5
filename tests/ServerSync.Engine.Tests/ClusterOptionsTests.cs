using ServerSync.Server.Cluster;
using ServerSync.Storage;

namespace ServerSync.Engine.Tests;

/// <summary>Which database ADO.NET clustering uses, and which settings refuse to start.</summary>
public sealed class ClusterOptionsTests
{
    private static readonly StorageOptions Sqlite = new() { Provider = "Sqlite", ConnectionString = "Data Source=data/serversync.db" };
    private static readonly StorageOptions Postgres = new() { Provider = "postgres", ConnectionString = "Host=db;Database=store" };

    [Fact]
    public void Localhost_clustering_needs_no_database()
    {
        var cluster = new ClusterOptions();
        Assert.Null(cluster.ConfigurationError(Sqlite));
        Assert.False(cluster.IsAdoNet);
    }

    [Fact]
    public void AdoNet_uses_the_store_when_it_is_PostgreSQL_and_an_explicit_connection_string_first()
    {
        var cluster = new ClusterOptions { Clustering = "adonet" };
        Assert.Null(cluster.ConfigurationError(Postgres));
        Assert.Equal("Host=db;Database=store", cluster.MembershipConnectionString(Postgres));

        cluster.ConnectionString = "Host=db;Database=membership";
        Assert.Null(cluster.ConfigurationError(Sqlite));
        Assert.Equal("Host=db;Database=membership", cluster.MembershipConnectionString(Sqlite));
        Assert.Equal("Host=db;Database=membership", cluster.MembershipConnectionString(Postgres));
    }

    [Fact]
    public void AdoNet_on_SQLite_without_a_connection_string_is_refused_naming_the_key()
    {
        var error = new ClusterOptions { Clustering = "AdoNet" }.ConfigurationError(Sqlite);
        Assert.Equal("ServerSync:Cluster:Clustering=AdoNet needs PostgreSQL: set ServerSync:Cluster:ConnectionString, or use ServerSync:Storage:Provider=Postgres.", error);
    }

    [Fact]
    public void An_unknown_clustering_is_refused_naming_the_key()
    {
        var error = new ClusterOptions { Clustering = "Consul" }.ConfigurationError(Postgres);
        Assert.Equal("ServerSync:Cluster:Clustering 'Consul' is not supported; use Localhost or AdoNet.", error);
    }

    [Fact]
    public void The_default_host_id_names_the_machine_and_the_silo_port_so_two_nodes_on_one_machine_differ()
    {
        Assert.Equal("crm-01:11111", new ClusterOptions().DefaultHostId("crm-01"));
        Assert.NotEqual(new ClusterOptions { SiloPort = 11111 }.DefaultHostId("crm-01"), new ClusterOptions { SiloPort = 11112 }.DefaultHostId("crm-01"));
    }
}
