using Microsoft.EntityFrameworkCore;
using ServerSync.Domain.Errors;
using ServerSync.Domain.Metadata;
using ServerSync.Domain.Tenancy;
using ServerSync.Server.Auth;
using ServerSync.Server.Provisioning;
using ServerSync.Server.Security;
using ServerSync.Storage;
using static ServerSync.Domain.Tenancy.DirectoryRoles;

namespace ServerSync.Server.Admin;

/// <summary>The tenant level: directory people, environments, the Exchange Online connection and applications.</summary>
public static class AdminEndpoints
{
    public static void MapAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").RequireAuthorization().WithTags("Tenant administration");

        admin.MapGet("/users", async (HttpContext http, ServerSyncDbContext db, CancellationToken ct) =>
        {
            await AdminCaller.RequireAsync(http.User, db, ct, GlobalAdministrator);
            var people = await db.DirectoryUsers.OrderBy(p => p.UserPrincipalName).ToListAsync(ct);
            return Results.Ok(new { value = people.Select(Describe) });
        });

        admin.MapPost("/users", async (NewDirectoryUser body, HttpContext http, ServerSyncDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            await AdminCaller.RequireAsync(http.User, db, ct, GlobalAdministrator);
            var upn = (body.UserPrincipalName ?? "").Trim().ToLowerInvariant();
            if (EmailAddressFormat.Problem(upn) is { } problem)
                throw ServerSyncException.BadRequest($"userPrincipalName must look like name@domain: {problem}.");
            if (await db.DirectoryUsers.AnyAsync(p => p.UserPrincipalName == upn, ct))
                throw new ServerSyncException(ErrorKind.Conflict, ErrorCodes.DuplicateRecord, $"'{upn}' is already in the directory.");
            var person = new DirectoryUser
            {
                Id = Guid.NewGuid(), UserPrincipalName = upn, DisplayName = string.IsNullOrWhiteSpace(body.DisplayName) ? upn : body.DisplayName.Trim(),
                Roles = ParseRoles(body.Roles), CreatedOn = clock.GetUtcNow(), SecurityStamp = Passwords.NewSecurityStamp(),
            };
            var password = string.IsNullOrEmpty(body.Password) ? Passwords.Generate() : body.Password;
            EnsureStrong(password);
            person.PasswordHash = Passwords.Hash(person, password);
            db.DirectoryUsers.Add(person);
            await db.SaveChangesAsync(ct);
            // A generated password is shown once, here, and never again.
            return Results.Created($"/api/admin/users/{person.Id}", new { user = Describe(person), generatedPassword = string.IsNullOrEmpty(body.Password) ? password : null });
        });

        admin.MapPatch("/users/{id:guid}", async (Guid id, DirectoryUserChange body, HttpContext http, ServerSyncDbContext db, CancellationToken ct) =>
        {
            var caller = await AdminCaller.RequireAsync(http.User, db, ct, GlobalAdministrator);
            var person = await db.DirectoryUsers.FirstOrDefaultAsync(p => p.Id == id, ct)
                ?? throw ServerSyncException.NotFound($"There is no directory user {id}.");
            var roles = body.Roles is null ? person.Roles : ParseRoles(body.Roles);
            if (person.Id == caller.Id && (!roles.HasFlag(GlobalAdministrator) || body.IsDisabled == true))
                throw ServerSyncException.BadRequest("You can't remove your own Global administrator role or disable yourself.");
            if (body.Password is { } password) { EnsureStrong(password); person.PasswordHash = Passwords.Hash(person, password); }
            // A new password or disabling ends every token issued before (SecurityStampValidation).
            if (body.Password is not null || (body.IsDisabled == true && !person.IsDisabled)) person.SecurityStamp = Passwords.NewSecurityStamp();
            if (!string.IsNullOrWhiteSpace(body.DisplayName)) person.DisplayName = body.DisplayName.Trim();
            person.Roles = roles;
            person.IsDisabled = body.IsDisabled ?? person.IsDisabled;
            await db.SaveChangesAsync(ct);
            return Results.Ok(Describe(person));
        });

        // Ends a lockout after repeated failed sign-ins before it expires by itself (SignInLockouts.LockoutDuration).
        admin.MapPost("/users/{id:guid}/unlock", async (Guid id, HttpContext http, ServerSyncDbContext db, SignInLockouts lockouts, CancellationToken ct) =>
        {
            await AdminCaller.RequireAsync(http.User, db, ct, GlobalAdministrator);
            var person = await db.DirectoryUsers.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct)
                ?? throw ServerSyncException.NotFound($"There is no directory user {id}.");
            await lockouts.ClearAsync(person.UserPrincipalName, ct);
            return Results.NoContent();
        });

        admin.MapGet("/environments", async (HttpContext http, ServerSyncDbContext db, CancellationToken ct) =>
        {
            await AdminCaller.RequireAsync(http.User, db, ct, GlobalAdministrator, ServiceAdministrator);
            var envs = await db.Environments.OrderBy(e => e.Name).ToListAsync(ct);
            return Results.Ok(new { value = envs.Select(Describe) });
        });

        admin.MapPost("/environments", async (NewEnvironment body, HttpContext http, ServerSyncDbContext db, EnvironmentProvisioner provisioner, CancellationToken ct) =>
        {
            var caller = await AdminCaller.RequireAsync(http.User, db, ct, GlobalAdministrator, ServiceAdministrator);
            var model = (body.DeploymentModel ?? "online").ToLowerInvariant() switch
            {
                "online" => DeploymentModel.Online,
                "onpremises" => DeploymentModel.OnPremises,
                var other => throw ServerSyncException.BadRequest($"deploymentModel '{other}' is not valid; use online or onpremises."),
            };
            var name = (body.Name ?? "").Trim();
            var env = await provisioner.CreateAsync(name, string.IsNullOrWhiteSpace(body.DisplayName) ? name : body.DisplayName.Trim(), model, caller, ct);
            return Results.Created($"/api/admin/environments/{env.Id}", Describe(env));
        });

        admin.MapGet("/exchange-online", async (HttpContext http, ServerSyncDbContext db, CancellationToken ct) =>
        {
            await AdminCaller.RequireAsync(http.User, db, ct, GlobalAdministrator, ExchangeAdministrator);
            var connection = await db.ExchangeOnlineConnections.FirstOrDefaultAsync(ct);
            return connection is null
                ? throw ServerSyncException.NotFound("The tenant has no Exchange Online connection.")
                : Results.Ok(Describe(connection));
        });

        admin.MapPut("/exchange-online", async (ExchangeOnlineSettings body, HttpContext http, ServerSyncDbContext db, SecretProtector secrets,
            EnvironmentProvisioner provisioner, TimeProvider clock, CancellationToken ct) =>
        {
            await AdminCaller.RequireAsync(http.User, db, ct, GlobalAdministrator);
            if (!Guid.TryParse(body.TenantId, out _)) throw ServerSyncException.BadRequest("tenantId must be the Entra tenant id (a GUID).");
            if (!Guid.TryParse(body.ClientId, out _)) throw ServerSyncException.BadRequest("clientId must be the application (client) id (a GUID).");
            var cloud = Enum.TryParse<ExchangeCloud>(body.Cloud ?? "Global", ignoreCase: true, out var c) && Enum.IsDefined(c)
                ? c : throw ServerSyncException.BadRequest($"cloud '{body.Cloud}' is not valid; use Global, China or UsGovernment.");
            var connection = await db.ExchangeOnlineConnections.FirstOrDefaultAsync(ct);
            var isNew = connection is null;
            connection ??= new ExchangeOnlineConnection { Id = Guid.NewGuid() };
            connection.EntraTenantId = body.TenantId!;
            connection.ClientId = body.ClientId!;
            connection.Cloud = cloud;
            if (!string.IsNullOrEmpty(body.ClientSecret)) connection.ClientSecretProtected = secrets.Protect(body.ClientSecret);
            if (!string.IsNullOrEmpty(body.Certificate)) connection.CertificateProtected = secrets.Protect(body.Certificate);
            if (connection.ClientSecretProtected is null && connection.CertificateProtected is null)
                throw ServerSyncException.BadRequest("The connection needs a clientSecret or a certificate.");
            connection.ModifiedOn = clock.GetUtcNow();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (isNew) db.ExchangeOnlineConnections.Add(connection);
            await db.SaveChangesAsync(ct);
            await provisioner.AddExchangeOnlineProfileToAllAsync(connection, ct);
            await tx.CommitAsync(ct);
            return Results.Ok(Describe(connection));
        });

        admin.MapGet("/applications", async (HttpContext http, ServerSyncDbContext db, CancellationToken ct) =>
        {
            await AdminCaller.RequireAsync(http.User, db, ct, GlobalAdministrator);
            var apps = await db.Applications.OrderBy(a => a.DisplayName).ToListAsync(ct);
            return Results.Ok(new { value = apps.Select(a => new { clientId = a.ClientId, displayName = a.DisplayName, createdOn = a.CreatedOn }) });
        });

        admin.MapPost("/applications", async (NewApplication body, HttpContext http, ServerSyncDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            await AdminCaller.RequireAsync(http.User, db, ct, GlobalAdministrator);
            if (string.IsNullOrWhiteSpace(body.DisplayName)) throw ServerSyncException.BadRequest("displayName is required.");
            var app = new ApplicationRegistration { ClientId = Guid.NewGuid(), DisplayName = body.DisplayName.Trim(), CreatedOn = clock.GetUtcNow() };
            var secret = Passwords.Generate();
            app.SecretHash = Passwords.HashSecret(app, secret);
            db.Applications.Add(app);
            await db.SaveChangesAsync(ct);
            // The secret is shown once; only its hash is kept.
            return Results.Created($"/api/admin/applications/{app.ClientId}", new { clientId = app.ClientId, displayName = app.DisplayName, clientSecret = secret });
        });
    }

    private static DirectoryRoles ParseRoles(string[]? names)
    {
        var roles = None;
        foreach (var name in names ?? [])
        {
            if (!Enum.TryParse<DirectoryRoles>(name, ignoreCase: true, out var role) || role == None || !Enum.IsDefined(role))
                throw ServerSyncException.BadRequest($"'{name}' is not a directory role; use GlobalAdministrator, ExchangeAdministrator or ServiceAdministrator.");
            roles |= role;
        }
        return roles;
    }

    private static void EnsureStrong(string password)
    {
        if (PasswordRule.Problem(password) is { } problem) throw ServerSyncException.BadRequest(problem);
    }

    private static object Describe(DirectoryUser p) => new
    {
        id = p.Id, userPrincipalName = p.UserPrincipalName, displayName = p.DisplayName, isDisabled = p.IsDisabled,
        roles = Enum.GetValues<DirectoryRoles>().Where(r => r != None && p.Roles.HasFlag(r)).Select(r => r.ToString()),
    };

    private static object Describe(CrmEnvironment e) => new
    {
        id = e.Id, name = e.Name, displayName = e.DisplayName,
        deploymentModel = e.DeploymentModel == DeploymentModel.Online ? "online" : "onpremises",
        webApiPath = $"/{e.Name}/api/data/v9.2/", createdOn = e.CreatedOn,
    };

    private static object Describe(ExchangeOnlineConnection c) => new
    {
        tenantId = c.EntraTenantId, clientId = c.ClientId, cloud = c.Cloud.ToString(),
        isClientSecretSet = c.ClientSecretProtected is not null, isCertificateSet = c.CertificateProtected is not null, modifiedOn = c.ModifiedOn,
    };
}
