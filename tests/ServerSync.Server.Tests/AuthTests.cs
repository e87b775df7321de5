using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ServerSync.Testing;

namespace ServerSync.Server.Tests;

/// <summary>Sign-in: password grant for people, client credentials for application users; nothing anonymous but token and health.</summary>
public abstract class AuthTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : ServerFixture
{
    [Fact]
    public async Task Health_is_the_only_anonymous_endpoint_besides_the_token_endpoint()
    {
        var anonymous = server.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health")).StatusCode);
        foreach (var path in new[] { "/api/admin/users", "/api/admin/environments", "/any/api/data/v9.2/mailboxes", "/openapi/v1.json" })
        {
            var response = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
            Assert.Equal("0x80072560", error["code"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Wrong_password_gets_no_token()
    {
        var response = await server.CreateClient().PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["username"] = ServerFixture.AdminUpn, ["password"] = "wrong-password-123",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_grant", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Forged_token_is_refused()
    {
        var client = server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "CfDJ8-not-a-real-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/admin/users")).StatusCode);
    }

    [Fact]
    public async Task Application_user_signs_in_with_client_credentials_in_its_environment_only()
    {
        var scenario = await Scenario.CreateAsync(server);
        var other = await Scenario.CreateAsync(server);
        var app = await scenario.Admin.AdminAsync(HttpMethod.Post, "/api/admin/applications", new JsonObject { ["displayName"] = "Integration" }, HttpStatusCode.Created);
        var clientId = app["clientId"]!.GetValue<Guid>();
        var secret = app["clientSecret"]!.GetValue<string>();
        var appUser = await scenario.Admin.CreateAsync("systemusers", new JsonObject { ["applicationid"] = clientId });
        await scenario.GiveRoleAsync(scenario.Admin, appUser["systemuserid"]!.GetValue<Guid>(), "System Administrator");

        var http = server.CreateClient();
        var token = await Api.RequestTokenAsync(http, new() { ["grant_type"] = "client_credentials", ["client_id"] = clientId.ToString(), ["client_secret"] = secret });
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var api = new Api(http, scenario.Environment);
        var whoAmI = await api.GetAsync("WhoAmI");
        Assert.Equal(appUser["systemuserid"]!.GetValue<Guid>(), whoAmI["UserId"]!.GetValue<Guid>());

        await api.In(other.Environment).ExpectErrorAsync(HttpMethod.Get, api.In(other.Environment).Data("mailboxes"), null, HttpStatusCode.Forbidden);
        // An application is never a tenant administrator.
        await api.ExpectErrorAsync(HttpMethod.Get, "/api/admin/users", null, HttpStatusCode.Forbidden);

        var wrong = await server.CreateClient().PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId.ToString(), ["client_secret"] = "not-the-secret",
        }));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode); // RFC 6749: a failed client authentication is 401 invalid_client
        Assert.Equal("invalid_client", JsonNode.Parse(await wrong.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_password_change_ends_the_tokens_issued_before_it()
    {
        var scenario = await Scenario.CreateAsync(server);
        var person = await scenario.AddPersonAsync(null, "System Administrator");
        await person.Api.GetAsync("WhoAmI");
        var id = await DirectoryIdAsync(scenario.Admin, person.Upn);
        await scenario.Admin.AdminAsync(HttpMethod.Patch, $"/api/admin/users/{id}", new JsonObject { ["password"] = "Another-pass-98765" }, HttpStatusCode.OK);

        await person.Api.ExpectErrorAsync(HttpMethod.Get, person.Api.Data("WhoAmI"), null, HttpStatusCode.Unauthorized, "0x80072560");
        var fresh = (await Api.SignInAsync(server, person.Upn, "Another-pass-98765")).In(scenario.Environment);
        await fresh.GetAsync("WhoAmI");
        // Changing something else (the display name) leaves tokens alone.
        await scenario.Admin.AdminAsync(HttpMethod.Patch, $"/api/admin/users/{id}", new JsonObject { ["displayName"] = "Renamed" }, HttpStatusCode.OK);
        await fresh.GetAsync("WhoAmI");
    }

    [Fact]
    public async Task An_admin_who_disables_a_person_ends_their_tokens_for_the_admin_api_too()
    {
        var scenario = await Scenario.CreateAsync(server);
        var person = await scenario.AddPersonAsync(["GlobalAdministrator"]);
        await person.Api.AdminAsync(HttpMethod.Get, "/api/admin/users", null, HttpStatusCode.OK);
        var id = await DirectoryIdAsync(scenario.Admin, person.Upn);
        await scenario.Admin.AdminAsync(HttpMethod.Patch, $"/api/admin/users/{id}", new JsonObject { ["isDisabled"] = true }, HttpStatusCode.OK);
        await person.Api.ExpectErrorAsync(HttpMethod.Get, "/api/admin/users", null, HttpStatusCode.Unauthorized, "0x80072560");
        // Enabling again doesn't bring the old token back.
        await scenario.Admin.AdminAsync(HttpMethod.Patch, $"/api/admin/users/{id}", new JsonObject { ["isDisabled"] = false }, HttpStatusCode.OK);
        await person.Api.ExpectErrorAsync(HttpMethod.Get, "/api/admin/users", null, HttpStatusCode.Unauthorized, "0x80072560");
    }

    [Fact]
    public async Task An_access_token_counts_only_in_the_authorization_header()
    {
        var token = await Api.RequestTokenAsync(server.CreateClient(), new()
        {
            ["grant_type"] = "password", ["username"] = ServerFixture.AdminUpn, ["password"] = ServerFixture.AdminPassword,
        });
        var anonymous = server.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/admin/users?access_token={Uri.EscapeDataString(token)}")).StatusCode);
        // A Web API POST that reads its body itself (no content-type routing): only authentication can refuse it first.
        var form = await anonymous.PostAsync("/any/api/data/v9.2/emails", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["access_token"] = token, ["subject"] = "Smuggled",
        }));
        Assert.Equal(HttpStatusCode.Unauthorized, form.StatusCode);
        var header = server.CreateClient();
        header.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await header.GetAsync("/api/admin/users")).StatusCode);
    }

    [Theory]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("abcabcabcabc")]
    [InlineData("123456789012")]
    [InlineData("Short-1")]
    public async Task The_admin_api_refuses_a_weak_password(string password)
    {
        var admin = await Api.SignInAsync(server, ServerFixture.AdminUpn, ServerFixture.AdminPassword);
        var upn = $"weak-{Guid.NewGuid():N}"[..16] + "@example.test";
        var message = await admin.ExpectErrorAsync(HttpMethod.Post, "/api/admin/users",
            new JsonObject { ["userPrincipalName"] = upn, ["password"] = password }, HttpStatusCode.BadRequest, "0x80040203");
        Assert.Contains("at least 12 characters", message);
        var users = (JsonArray)(await admin.AdminAsync(HttpMethod.Get, "/api/admin/users", null, HttpStatusCode.OK))["value"]!;
        Assert.DoesNotContain(users, u => u!["userPrincipalName"]!.GetValue<string>() == upn);
        var id = await DirectoryIdAsync(admin, ServerFixture.AdminUpn);
        await admin.ExpectErrorAsync(HttpMethod.Patch, $"/api/admin/users/{id}", new JsonObject { ["password"] = password }, HttpStatusCode.BadRequest, "0x80040203");
    }

    private static async Task<Guid> DirectoryIdAsync(Api admin, string upn)
    {
        var users = (JsonArray)(await admin.AdminAsync(HttpMethod.Get, "/api/admin/users", null, HttpStatusCode.OK))["value"]!;
        return users.Single(u => u!["userPrincipalName"]!.GetValue<string>() == upn)!["id"]!.GetValue<Guid>();
    }

    [Fact]
    public async Task Tenant_administration_needs_a_directory_role()
    {
        var scenario = await Scenario.CreateAsync(server);
        var plain = await scenario.AddPersonAsync(null, "System Administrator");
        await plain.Api.ExpectErrorAsync(HttpMethod.Get, "/api/admin/users", null, HttpStatusCode.Forbidden, "0x80040220");
        await plain.Api.ExpectErrorAsync(HttpMethod.Post, "/api/admin/environments",
            new JsonObject { ["name"] = "not-allowed", ["deploymentModel"] = "online" }, HttpStatusCode.Forbidden);
        var serviceAdmin = await scenario.AddPersonAsync(["ServiceAdministrator"]);
        await serviceAdmin.Api.AdminAsync(HttpMethod.Post, "/api/admin/environments",
            new JsonObject { ["name"] = $"svc-{Guid.NewGuid():N}"[..16], ["deploymentModel"] = "onpremises" }, HttpStatusCode.Created);
    }
}

public sealed class AuthTestsOnSqlite(SqliteServer server) : AuthTests<SqliteServer>(server);
public sealed class AuthTestsOnPostgres(PostgresServer server) : AuthTests<PostgresServer>(server);
