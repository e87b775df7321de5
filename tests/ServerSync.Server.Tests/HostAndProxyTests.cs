using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ServerSync.Testing;

namespace ServerSync.Server.Tests;

/// <summary>The Host header goes into links only when allowed; a reverse proxy's X-Forwarded-* count only from trusted proxies.</summary>
public sealed class HostAndProxyTests(SqliteServer server) : IClassFixture<SqliteServer>
{
    [Fact]
    public async Task A_host_not_in_allowed_hosts_is_refused_before_it_can_reach_a_link()
    {
        var scenario = await Scenario.CreateAsync(server);
        var token = scenario.Admin.Http.DefaultRequestHeaders.Authorization!;
        foreach (var host in new[] { "evil.example", "localhost.evil.example" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{host}{scenario.Admin.Data("mailboxes")}");
            request.Headers.Authorization = token;
            var response = await server.CreateClient().SendAsync(request);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.DoesNotContain(host, await response.Content.ReadAsStringAsync());
        }
        var page = await scenario.Admin.GetAsync("mailboxes");
        Assert.StartsWith("http://localhost/", page["@odata.context"]!.GetValue<string>());
    }

    [Fact]
    public async Task Behind_a_loopback_proxy_the_forwarded_scheme_and_client_address_count()
    {
        var data = Directory.CreateTempSubdirectory("serversync-proxy-").FullName;
        try
        {
            await using var process = new ServerProcess(new Dictionary<string, string>
            {
                ["ServerSync:DataDirectory"] = data,
                ["ServerSync:EngineEnabled"] = "false",
                ["SERVERSYNC_ADMIN_PASSWORD"] = ServerFixture.AdminPassword,
                ["Logging:LogLevel:Default"] = "Warning",
            });
            await process.StartAsync();
            using var http = process.CreateClient();

            Task<HttpResponseMessage> SignInAsync(string clientAddress, string password, string upn = ServerFixture.AdminUpn)
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
                {
                    Content = new FormUrlEncodedContent(new Dictionary<string, string>
                    {
                        ["grant_type"] = "password", ["username"] = upn, ["password"] = password,
                    }),
                };
                request.Headers.Add("X-Forwarded-For", clientAddress);
                request.Headers.Add("X-Forwarded-Proto", "https");
                return http.SendAsync(request);
            }

            // 20 failures from one forwarded client address throttle that address, not the proxy's.
            for (var i = 0; i < 20; i++) await SignInAsync("203.0.113.7", "Wrong-password-123", $"guess{i}@example.test");
            Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInAsync("203.0.113.7", ServerFixture.AdminPassword)).StatusCode);
            var ok = await SignInAsync("203.0.113.8", ServerFixture.AdminPassword);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);

            // Links name the scheme the client used at the proxy.
            var token = JsonNode.Parse(await ok.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
            var environment = $"proxy{Guid.NewGuid():N}"[..16];
            using var create = new HttpRequestMessage(HttpMethod.Post, "/api/admin/environments")
            {
                Content = JsonContent(new JsonObject { ["name"] = environment, ["deploymentModel"] = "online" }),
            };
            create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            Assert.Equal(HttpStatusCode.Created, (await http.SendAsync(create)).StatusCode);
            using var list = new HttpRequestMessage(HttpMethod.Get, $"/{environment}/api/data/v9.2/mailboxes");
            list.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            list.Headers.Add("X-Forwarded-Proto", "https");
            var page = JsonNode.Parse(await (await http.SendAsync(list)).Content.ReadAsStringAsync())!;
            Assert.StartsWith($"https://127.0.0.1:{process.BaseAddress.Port}/", page["@odata.context"]!.GetValue<string>());
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static StringContent JsonContent(JsonNode body) => new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
}
