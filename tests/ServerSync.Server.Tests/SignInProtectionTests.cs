using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ServerSync.Testing;

namespace ServerSync.Server.Tests;

/// <summary>
/// Brute force on the password grant: lockout per user name, throttle per client address, equal timing for
/// unknown names. Each test starts by moving the clock past every window, so earlier tests' failures don't count.
/// </summary>
public abstract class SignInProtectionTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : ServerFixture, IShiftableClockServer
{
    private static readonly TimeSpan PastEveryWindow = TimeSpan.FromMinutes(16);

    private Task<HttpResponseMessage> SignInAsync(string upn, string password) =>
        server.CreateClient().PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["username"] = upn, ["password"] = password,
        }));

    private static async Task<(HttpStatusCode Status, string Error, string Description)> OAuthErrorAsync(HttpResponseMessage response)
    {
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return (response.StatusCode, body["error"]?.GetValue<string>() ?? "", body["error_description"]?.GetValue<string>() ?? "");
    }

    [Fact]
    public async Task Five_failed_sign_ins_lock_the_account_until_the_lockout_expires_or_an_admin_unlocks_it()
    {
        server.Clock.Advance(PastEveryWindow);
        var scenario = await Scenario.CreateAsync(server);
        var person = await scenario.AddPersonAsync();
        for (var i = 0; i < 5; i++)
        {
            var (status, error, description) = await OAuthErrorAsync(await SignInAsync(person.Upn, "Wrong-password-123"));
            Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), (status, error));
            Assert.Contains("incorrect", description);
        }

        // Now even the right password is refused, with a clear reason.
        var locked = await OAuthErrorAsync(await SignInAsync(person.Upn, Scenario.PersonPassword));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), (locked.Status, locked.Error));
        Assert.Contains("locked", locked.Description);

        server.Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Contains("locked", (await OAuthErrorAsync(await SignInAsync(person.Upn, Scenario.PersonPassword))).Description);
        server.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(person.Upn, Scenario.PersonPassword)).StatusCode);

        // A success starts the count again; a second lockout is lifted by a Global administrator.
        for (var i = 0; i < 5; i++) await SignInAsync(person.Upn, "Wrong-password-123");
        Assert.Contains("locked", (await OAuthErrorAsync(await SignInAsync(person.Upn, Scenario.PersonPassword))).Description);
        var users = (JsonArray)(await scenario.Admin.AdminAsync(HttpMethod.Get, "/api/admin/users", null, HttpStatusCode.OK))["value"]!;
        var id = users.Single(u => u!["userPrincipalName"]!.GetValue<string>() == person.Upn)!["id"]!.GetValue<Guid>();
        await person.Api.ExpectErrorAsync(HttpMethod.Post, $"/api/admin/users/{id}/unlock", null, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await scenario.Admin.SendAsync(HttpMethod.Post, $"/api/admin/users/{id}/unlock")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(person.Upn, Scenario.PersonPassword)).StatusCode);
    }

    [Fact]
    public async Task An_unknown_user_name_locks_out_like_a_known_one()
    {
        server.Clock.Advance(PastEveryWindow);
        var unknown = $"nobody-{Guid.NewGuid():N}@example.test";
        for (var i = 0; i < 5; i++) Assert.Contains("incorrect", (await OAuthErrorAsync(await SignInAsync(unknown, "Wrong-password-123"))).Description);
        Assert.Contains("locked", (await OAuthErrorAsync(await SignInAsync(unknown, "Wrong-password-123"))).Description);
    }

    [Fact]
    public async Task Twenty_failures_from_one_address_throttle_it_for_every_user_name_until_the_window_ends()
    {
        server.Clock.Advance(PastEveryWindow);
        for (var i = 0; i < 20; i++)
        {
            var (status, error, _) = await OAuthErrorAsync(await SignInAsync($"guess{i}-{Guid.NewGuid():N}@example.test", "Wrong-password-123"));
            Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), (status, error));
        }
        var throttled = await SignInAsync(ServerFixture.AdminUpn, ServerFixture.AdminPassword);
        var refusal = await OAuthErrorAsync(throttled);
        Assert.Equal((HttpStatusCode.TooManyRequests, "temporarily_unavailable"), (refusal.Status, refusal.Error));
        Assert.True(throttled.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After names the wait");

        server.Clock.Advance(PastEveryWindow);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(ServerFixture.AdminUpn, ServerFixture.AdminPassword)).StatusCode);
    }

    [Fact]
    public async Task An_unknown_user_name_costs_the_same_password_hashing_as_a_known_one()
    {
        server.Clock.Advance(PastEveryWindow);
        var unknown = $"nobody-{Guid.NewGuid():N}@example.test";
        await SignInAsync(unknown, "Warm-up-password-1"); // the first unknown name computes the dummy hash once
        var known = new List<double>();
        var missing = new List<double>();
        for (var i = 0; i < 4; i++) // under the lockout's five, so every attempt checks a password
        {
            var watch = Stopwatch.StartNew();
            await SignInAsync(ServerFixture.AdminUpn, "Wrong-password-123");
            known.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            await SignInAsync(unknown, "Wrong-password-123");
            missing.Add(watch.Elapsed.TotalMilliseconds);
        }
        server.Clock.Advance(PastEveryWindow); // lets the admin's failures expire for the other tests
        // Without the dummy hash an unknown name answered ~50x faster; noise on a shared machine stays far from 3x.
        Assert.True(missing.Order().ElementAt(2) * 3 > known.Order().ElementAt(2),
            $"unknown {string.Join(", ", missing.Select(m => $"{m:0} ms"))}; known {string.Join(", ", known.Select(m => $"{m:0} ms"))}");
    }
}

public sealed class SignInProtectionTestsOnSqlite(SqliteServerWithClock server) : SignInProtectionTests<SqliteServerWithClock>(server);
public sealed class SignInProtectionTestsOnPostgres(PostgresServerWithClock server) : SignInProtectionTests<PostgresServerWithClock>(server);
