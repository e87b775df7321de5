using MimeKit;
using Npgsql;
using ServerSync.Server.Cluster;
using ServerSync.Testing;

namespace ServerSync.Engine.Tests;

/// <summary>
/// Several nodes, one cluster: ADO.NET clustering on PostgreSQL, each node a real child process running its own
/// scheduler. Orleans must keep one activation per mailbox across the nodes, and a surviving node must take over
/// the mailboxes of a node that was killed.
/// </summary>
public sealed class ClusterTests
{
    private const int Mailboxes = 4, PerRound = 3;

    /// <summary>
    /// One story, so the two nodes start once: (a) both join, (b) while both schedulers poke every mailbox, each mailbox has
    /// one activation cluster-wide and every message becomes one email, (c) after a kill -9 of the node holding a
    /// mailbox's grain, the other node declares it dead and imports the mail that arrives afterwards.
    /// </summary>
    [Fact]
    public async Task Two_nodes_keep_one_activation_per_mailbox_and_the_survivor_of_a_kill_takes_over()
    {
        await using var cluster = await TwoNodeCluster.StartAsync();
        await Eventually.TrueAsync(async () => await BothActiveAsync(cluster), "both silos Active in OrleansMembershipTable");
        var setup = new MailboxSetup(await Scenario.CreateAsync(cluster.A.Server));
        var users = await UsersAsync(setup);
        var prefix = Guid.NewGuid().ToString("N")[..8];
        await DeliverAsync(setup, users, prefix, round: 0);
        await setup.TestAndEnableAsync(users.Select(u => u.MailboxId).ToArray());

        ILookup<Guid, int> hosts;
        using (var client = await cluster.ConnectClientAsync())
        {
            var most = 0; // the most activations any one mailbox's grain had at a time
            var processedBy = users.ToDictionary(u => u.MailboxId, _ => new HashSet<string>()); // every node seen running a mailbox's cycle
            async Task<bool> ImportedAsync(int expected)
            {
                var activations = await TwoNodeCluster.MailboxActivationsAsync(client);
                most = Math.Max(most, users.Max(u => activations[u.MailboxId].Count()));
                foreach (var user in users)
                    if (await HostIdAsync(setup.Admin, user) is { } node) processedBy[user.MailboxId].Add(node);
                return (await MessageIdsAsync(setup.Admin, prefix)).Count >= expected;
            }
            await Eventually.TrueAsync(() => ImportedAsync(Mailboxes * PerRound), "the first round imported");
            await DeliverAsync(setup, users, prefix, round: 1); // new mail while every grain is active and both schedulers poke them
            await Eventually.TrueAsync(() => ImportedAsync(2 * Mailboxes * PerRound), "the second round imported");
            await Task.Delay(TimeSpan.FromSeconds(2)); // further cycles on either node must add nothing
            Assert.True(await ImportedAsync(2 * Mailboxes * PerRound));

            Assert.Equal(1, most);
            await AssertEachMessageOnceAsync(setup.Admin, prefix, rounds: 2);
            // The cycles were all run by the node whose silo holds the mailbox's activation: processing never moved.
            hosts = await TwoNodeCluster.MailboxActivationsAsync(client);
            foreach (var user in users)
                Assert.Equal([NodeOn(cluster, Assert.Single(hosts[user.MailboxId])).Name], processedBy[user.MailboxId]);
            await client.StopAsync();
        }

        // Kill the node holding the first mailbox's grain, so the take-over is of a mailbox that was really running there.
        var victim = NodeOn(cluster, hosts[users[0].MailboxId].Single());
        var survivor = victim == cluster.A ? cluster.B : cluster.A;
        victim.Server.Kill();
        await Eventually.TrueAsync(async () => (await cluster.MembershipAsync())[victim.SiloPort] == TwoNodeCluster.Dead, "the killed silo marked Dead");
        Assert.Equal(TwoNodeCluster.Active, (await cluster.MembershipAsync())[survivor.SiloPort]);

        var admin = (await Api.SignInAsync(survivor.Server, ServerFixture.AdminUpn, ServerFixture.AdminPassword)).In(setup.Scenario.Environment);
        await DeliverAsync(setup, users, prefix, round: 2);
        await Eventually.TrueAsync(async () => (await MessageIdsAsync(admin, prefix)).Count >= 3 * Mailboxes * PerRound, "mail delivered after the kill imported");
        await Task.Delay(TimeSpan.FromSeconds(2));
        await AssertEachMessageOnceAsync(admin, prefix, rounds: 3);
        foreach (var user in users) Assert.Equal(survivor.Name, await HostIdAsync(admin, user));
    }

    [Fact]
    public async Task AdoNet_clustering_without_PostgreSQL_refuses_to_start_naming_the_key()
    {
        var data = Directory.CreateTempSubdirectory("serversync-cluster-").FullName;
        try
        {
            await using var server = new ServerProcess(new Dictionary<string, string>
            {
                ["ServerSync:DataDirectory"] = data,
                ["ServerSync:Storage:Provider"] = "Sqlite",
                ["ServerSync:EngineEnabled"] = "true",
                ["ServerSync:Cluster:Clustering"] = "AdoNet",
            });
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(server.StartAsync);
            Assert.Contains("exited with code 1", refused.Message);
            Assert.Contains("error: ServerSync:Cluster:Clustering=AdoNet needs PostgreSQL: set ServerSync:Cluster:ConnectionString", refused.Message);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task The_clustering_schema_applies_on_an_empty_database_from_several_nodes_at_once_and_again()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => AdoNetClusteringSchema.ApplyAsync(database.ConnectionString, CancellationToken.None)));
        await AdoNetClusteringSchema.ApplyAsync(database.ConnectionString, CancellationToken.None);

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT QueryKey FROM OrleansQuery ORDER BY QueryKey", connection);
        var keys = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) keys.Add(reader.GetString(0));
        // Every key Orleans.Clustering.AdoNet 10.4.2 requires (DbStoredQueries), once.
        Assert.Equal(
            ["CleanupDefunctSiloEntriesKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey", "InsertMembershipKey", "InsertMembershipVersionKey",
             "MembershipReadAllKey", "MembershipReadRowKey", "UpdateIAmAlivetimeKey", "UpdateMembershipKey"],
            keys);
    }

    private static async Task<bool> BothActiveAsync(TwoNodeCluster cluster)
    {
        var members = await cluster.MembershipAsync();
        return members.GetValueOrDefault(cluster.A.SiloPort) == TwoNodeCluster.Active && members.GetValueOrDefault(cluster.B.SiloPort) == TwoNodeCluster.Active;
    }

    private static ClusterNode NodeOn(TwoNodeCluster cluster, int siloPort) =>
        siloPort == cluster.A.SiloPort ? cluster.A : siloPort == cluster.B.SiloPort ? cluster.B : throw new InvalidOperationException($"No node has silo port {siloPort}.");

    private static async Task<List<MailUser>> UsersAsync(MailboxSetup setup)
    {
        var profile = await setup.ImapProfileAsync();
        var users = new List<MailUser>();
        for (var i = 0; i < Mailboxes; i++) users.Add(await setup.UserAsync(profile));
        return users;
    }

    private static async Task DeliverAsync(MailboxSetup setup, IEnumerable<MailUser> users, string prefix, int round)
    {
        foreach (var user in users)
            for (var i = 0; i < PerRound; i++)
            {
                var message = new MimeMessage { Subject = $"Round {round} #{i}", MessageId = $"{prefix}.{user.MailboxId:N}.{round}.{i}@cluster.test" };
                message.From.Add(MailboxAddress.Parse("customer@cluster.test"));
                message.To.Add(MailboxAddress.Parse(user.Address));
                message.Body = new TextPart("plain") { Text = "Hello" };
                await setup.Mail.DeliverAsync(message);
            }
    }

    private static async Task AssertEachMessageOnceAsync(Api api, string prefix, int rounds)
    {
        var ids = await MessageIdsAsync(api, prefix);
        Assert.Equal(rounds * Mailboxes * PerRound, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    private static async Task<List<string>> MessageIdsAsync(Api api, string prefix) =>
        (await api.ListAsync($"emails?$filter=startswith(messageid,'<{prefix}.')&$select=messageid"))
        .Select(e => e!["messageid"]!.GetValue<string>()).ToList();

    private static async Task<string?> HostIdAsync(Api api, MailUser user) =>
        (await api.GetAsync($"mailboxes({user.MailboxId})"))["hostid"]?.GetValue<string>();
}
