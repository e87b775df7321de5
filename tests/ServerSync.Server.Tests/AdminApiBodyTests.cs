using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ServerSync.Testing;

namespace ServerSync.Server.Tests;

/// <summary>The admin API refuses fields it doesn't know, as the Web API does: a typo must not silently drop what was meant.</summary>
public abstract class AdminApiBodyTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : ServerFixture
{
    private static async Task<string> ExpectBadRequestAsync(Api api, HttpMethod method, string path, string json)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        var response = await api.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {path} {json}: expected 400, got {(int)response.StatusCode}: {text}");
        var error = JsonNode.Parse(text)!["error"]!;
        Assert.Equal("0x80040203", error["code"]!.GetValue<string>());
        return error["message"]!.GetValue<string>();
    }

    private static async Task<JsonArray> PeopleAsync(Api admin) =>
        (JsonArray)(await admin.AdminAsync(HttpMethod.Get, "/api/admin/users", null, HttpStatusCode.OK))["value"]!;

    [Fact]
    public async Task A_misspelt_field_is_refused_naming_it_and_creates_nothing()
    {
        var admin = await Api.SignInAsync(server, ServerFixture.AdminUpn, ServerFixture.AdminPassword);
        var upn = $"typo{Guid.NewGuid():N}"[..12] + "@example.test";
        var message = await ExpectBadRequestAsync(admin, HttpMethod.Post, "/api/admin/users",
            $$"""{"userPrincipalName":"{{upn}}","password":"{{Scenario.PersonPassword}}","role":["GlobalAdministrator"]}""");
        Assert.Equal("Invalid property 'role' was found in the request body.", message);
        Assert.DoesNotContain(await PeopleAsync(admin), p => p!["userPrincipalName"]!.GetValue<string>() == upn);

        Assert.Contains("'deploymentmodell'", await ExpectBadRequestAsync(admin, HttpMethod.Post, "/api/admin/environments",
            """{"name":"typoenv","deploymentmodell":"onpremises"}"""));
        Assert.DoesNotContain(((JsonArray)(await admin.AdminAsync(HttpMethod.Get, "/api/admin/environments", null, HttpStatusCode.OK))["value"]!),
            e => e!["name"]!.GetValue<string>() == "typoenv");
        Assert.Contains("'secret'", await ExpectBadRequestAsync(admin, HttpMethod.Put, "/api/admin/exchange-online",
            $$"""{"tenantId":"{{Guid.NewGuid()}}","clientId":"{{Guid.NewGuid()}}","secret":"s"}"""));
        Assert.Contains("'name'", await ExpectBadRequestAsync(admin, HttpMethod.Post, "/api/admin/applications", """{"name":"App"}"""));
    }

    [Fact]
    public async Task A_misspelt_field_in_a_change_is_refused_and_changes_nothing()
    {
        var scenario = await Scenario.CreateAsync(server);
        var person = await scenario.AddPersonAsync(["ExchangeAdministrator"]);
        var id = (await PeopleAsync(scenario.Admin)).Single(p => p!["userPrincipalName"]!.GetValue<string>() == person.Upn)!["id"]!.GetValue<Guid>();
        Assert.Contains("'disabled'", await ExpectBadRequestAsync(scenario.Admin, HttpMethod.Patch, $"/api/admin/users/{id}",
            """{"disabled":true,"roles":[]}"""));
        Assert.Contains("'roles'", await ExpectBadRequestAsync(scenario.Admin, HttpMethod.Patch, $"/api/admin/users/{id}",
            """{"roles":"GlobalAdministrator"}"""));
        Assert.Contains("'displayName'", await ExpectBadRequestAsync(scenario.Admin, HttpMethod.Patch, $"/api/admin/users/{id}",
            """{"displayName":"A","displayName":"B"}"""));
        var stored = (await PeopleAsync(scenario.Admin)).Single(p => p!["id"]!.GetValue<Guid>() == id)!;
        Assert.False(stored["isDisabled"]!.GetValue<bool>());
        Assert.Equal(["ExchangeAdministrator"], stored["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        await person.Api.GetAsync("WhoAmI");
    }
}

public sealed class AdminApiBodyTestsOnSqlite(SqliteServer server) : AdminApiBodyTests<SqliteServer>(server);
public sealed class AdminApiBodyTestsOnPostgres(PostgresServer server) : AdminApiBodyTests<PostgresServer>(server);
