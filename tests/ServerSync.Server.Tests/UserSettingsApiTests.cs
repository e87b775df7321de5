using System.Net;
using System.Text.Json.Nodes;
using ServerSync.Testing;

namespace ServerSync.Server.Tests;

/// <summary>
/// usersettingscollection, as Dataverse names it: one row per user, without send-as consent at first; each user reads and
/// changes their own (Basic User), a System Administrator anyone's; rows come and go with their user only.
/// </summary>
public abstract class UserSettingsApiTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : ServerFixture
{
    [Fact]
    public async Task A_user_gives_their_own_send_as_consent_and_cannot_touch_anyone_elses()
    {
        var scenario = await Scenario.CreateAsync(server);
        var alice = await scenario.AddPersonAsync(null, "Basic User");
        var bob = await scenario.AddPersonAsync(null, "Basic User");
        var own = await alice.Api.GetAsync($"usersettingscollection({alice.SystemUserId})");
        Assert.False(own["issendasallowed"]!.GetValue<bool>());

        await alice.Api.PatchAsync($"usersettingscollection({alice.SystemUserId})", new JsonObject { ["issendasallowed"] = true });
        Assert.True((await alice.Api.GetAsync($"usersettingscollection({alice.SystemUserId})"))["issendasallowed"]!.GetValue<bool>());
        Assert.Equal(alice.SystemUserId, Assert.Single(await alice.Api.ListAsync("usersettingscollection"))!["systemuserid"]!.GetValue<Guid>());

        await alice.Api.ExpectErrorAsync(HttpMethod.Patch, alice.Api.Data($"usersettingscollection({bob.SystemUserId})"),
            new JsonObject { ["issendasallowed"] = true }, HttpStatusCode.Forbidden, "0x80040220");
        await alice.Api.ExpectErrorAsync(HttpMethod.Get, alice.Api.Data($"usersettingscollection({bob.SystemUserId})"), null, HttpStatusCode.Forbidden);
        Assert.False((await scenario.Admin.GetAsync($"usersettingscollection({bob.SystemUserId})"))["issendasallowed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_system_administrator_changes_anyones_settings()
    {
        var scenario = await Scenario.CreateAsync(server);
        var alice = await scenario.AddPersonAsync(null, "Basic User");
        await scenario.Admin.PatchAsync($"usersettingscollection({alice.SystemUserId})", new JsonObject { ["issendasallowed"] = true });
        Assert.True((await alice.Api.GetAsync($"usersettingscollection({alice.SystemUserId})"))["issendasallowed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Settings_are_neither_created_deleted_nor_given_away_through_the_api()
    {
        var scenario = await Scenario.CreateAsync(server);
        var alice = await scenario.AddPersonAsync(null, "Basic User");
        var bob = await scenario.AddPersonAsync(null, "Basic User");
        var path = $"usersettingscollection({alice.SystemUserId})";
        var before = await scenario.Admin.GetAsync(path);

        await scenario.Admin.ExpectErrorAsync(HttpMethod.Post, scenario.Admin.Data("usersettingscollection"), new JsonObject { ["issendasallowed"] = true }, HttpStatusCode.BadRequest);
        await scenario.Admin.ExpectErrorAsync(HttpMethod.Delete, scenario.Admin.Data(path), null, HttpStatusCode.BadRequest);
        // Whoever owned the row would decide alice's consent.
        await scenario.Admin.ExpectErrorAsync(HttpMethod.Patch, scenario.Admin.Data(path),
            new JsonObject { ["ownerid@odata.bind"] = $"/systemusers({bob.SystemUserId})", ["issendasallowed"] = true }, HttpStatusCode.BadRequest);
        await alice.Api.ExpectErrorAsync(HttpMethod.Post, alice.Api.Data("usersettingscollection"), new JsonObject(), HttpStatusCode.Forbidden);

        var after = await scenario.Admin.GetAsync(path);
        Assert.Equal(before["versionnumber"]!.GetValue<long>(), after["versionnumber"]!.GetValue<long>());
        Assert.Equal((alice.SystemUserId, false), (after["_ownerid_value"]!.GetValue<Guid>(), after["issendasallowed"]!.GetValue<bool>()));
        Assert.Equal(3, (await scenario.Admin.ListAsync("usersettingscollection")).Count); // the admin, alice and bob
    }
}

public sealed class UserSettingsApiTestsOnSqlite(SqliteServer server) : UserSettingsApiTests<SqliteServer>(server);
public sealed class UserSettingsApiTestsOnPostgres(PostgresServer server) : UserSettingsApiTests<PostgresServer>(server);
