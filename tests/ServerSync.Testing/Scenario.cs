using System.Net;
using System.Text.Json.Nodes;

namespace ServerSync.Testing;

/// <summary>
/// Builds what a test needs through the public API only: an environment of its own, directory people
/// with directory roles, their system users and security roles.
/// </summary>
public sealed class Scenario
{
    public const string PersonPassword = "Person-pass-1234567";

    private Scenario(IServerHost server, Api admin, string environment)
    {
        Server = server;
        Admin = admin;
        Environment = environment;
    }

    public IServerHost Server { get; }

    /// <summary>The tenant's Global administrator, System Administrator of the environment (its creator).</summary>
    public Api Admin { get; }

    public string Environment { get; }

    public static async Task<Scenario> CreateAsync(IServerHost server, string deploymentModel = "online", bool exchangeOnline = false)
    {
        var admin = await Api.SignInAsync(server, ServerFixture.AdminUpn, ServerFixture.AdminPassword);
        if (exchangeOnline) await ConnectExchangeOnlineAsync(admin);
        var name = $"env-{Guid.NewGuid():N}"[..20];
        await admin.AdminAsync(HttpMethod.Post, "/api/admin/environments",
            new JsonObject { ["name"] = name, ["displayName"] = "Test " + name, ["deploymentModel"] = deploymentModel }, HttpStatusCode.Created);
        return new Scenario(server, admin.In(name), name);
    }

    public static Task ConnectExchangeOnlineAsync(Api admin) => admin.AdminAsync(HttpMethod.Put, "/api/admin/exchange-online", new JsonObject
    {
        ["tenantId"] = "11111111-2222-3333-4444-555555555555",
        ["clientId"] = "66666666-7777-8888-9999-000000000000",
        ["clientSecret"] = "tenant-secret-value",
        ["cloud"] = "Global",
    }, HttpStatusCode.OK);

    /// <summary>A directory person (with directory roles) who is a user of this environment holding the named security roles.</summary>
    public async Task<Person> AddPersonAsync(string[]? directoryRoles = null, params string[] securityRoles)
    {
        var upn = $"p{Guid.NewGuid():N}"[..12] + "@example.test";
        var roles = new JsonArray((directoryRoles ?? []).Select(r => (JsonNode)r).ToArray());
        await Admin.AdminAsync(HttpMethod.Post, "/api/admin/users",
            new JsonObject { ["userPrincipalName"] = upn, ["displayName"] = upn, ["password"] = PersonPassword, ["roles"] = roles }, HttpStatusCode.Created);
        var user = await Admin.CreateAsync("systemusers", new JsonObject { ["domainname"] = upn });
        var userId = user["systemuserid"]!.GetValue<Guid>();
        foreach (var role in securityRoles) await GiveRoleAsync(Admin, userId, role);
        var api = (await Api.SignInAsync(Server, upn, PersonPassword)).In(Environment);
        return new Person(upn, userId, user["_defaultmailbox_value"]!.GetValue<Guid>(), api);
    }

    public async Task<Guid> RoleIdAsync(string name)
    {
        var roles = await Admin.ListAsync($"roles?$filter=name eq '{name}'&$select=roleid");
        return Assert.Single(roles)!["roleid"]!.GetValue<Guid>();
    }

    public async Task GiveRoleAsync(Api assigner, Guid userId, string roleName)
    {
        var roleId = await RoleIdAsync(roleName);
        var response = await assigner.SendAsync(HttpMethod.Post, assigner.Data($"systemusers({userId})/systemuserroles_association/$ref"),
            new JsonObject { ["@odata.id"] = $"http://localhost{assigner.Data($"roles({roleId})")}" });
        await Api.ExpectAsync(HttpStatusCode.NoContent, response);
    }

    /// <summary>An IMAP/SMTP profile with per-mailbox credentials.</summary>
    public async Task<Guid> CreateImapProfileAsync(string name = "IMAP")
    {
        var profile = await Admin.CreateAsync("emailserverprofiles", new JsonObject
        {
            ["name"] = name, ["servertype"] = 4, ["incomingcredentialretrieval"] = 0, ["outgoingcredentialretrieval"] = 0,
            ["incomingserverlocation"] = "imap.example.test", ["outgoingserverlocation"] = "smtp.example.test",
        });
        return profile["emailserverprofileid"]!.GetValue<Guid>();
    }

    public async Task<Guid> OrganizationIdAsync() =>
        (await Admin.ListAsync("organizations?$select=organizationid"))[0]!["organizationid"]!.GetValue<Guid>();

    public async Task SetDefaultProfileAsync(Guid profileId) =>
        await Admin.PatchAsync($"organizations({await OrganizationIdAsync()})",
            new JsonObject { ["defaultemailserverprofileid@odata.bind"] = $"/emailserverprofiles({profileId})" });

    /// <summary>A queue and the id of its mailbox.</summary>
    public async Task<(Guid Queue, Guid Mailbox)> CreateQueueAsync(string? address = null)
    {
        var queue = await Admin.CreateAsync("queues", new JsonObject { ["name"] = "Support", ["emailaddress"] = address ?? $"q{Guid.NewGuid():N}"[..10] + "@example.test" });
        return (queue["queueid"]!.GetValue<Guid>(), queue["_defaultmailbox_value"]!.GetValue<Guid>());
    }

    public Task<JsonObject> MailboxAsync(Guid id) => Admin.GetAsync($"mailboxes({id})");
}

public sealed record Person(string Upn, Guid SystemUserId, Guid MailboxId, Api Api);
