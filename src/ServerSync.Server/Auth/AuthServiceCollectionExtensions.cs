using OpenIddict.Server;
using OpenIddict.Validation.AspNetCore;

namespace ServerSync.Server.Auth;

public static class AuthServiceCollectionExtensions
{
    /// <summary>
    /// OpenIddict as token server and validator. Degraded mode: applications live in ServerSync's own
    /// table and are checked by <see cref="TokenEndpoint"/>. Tokens are protected with ASP.NET Core Data
    /// Protection, whose keys persist in the data directory, so tokens survive a restart.
    /// </summary>
    public static IServiceCollection AddServerSyncAuth(this IServiceCollection services, bool requireHttps)
    {
        services.AddOpenIddict()
            .AddServer(options =>
            {
                options.SetTokenEndpointUris(TokenEndpoint.Path.TrimStart('/'));
                options.AllowPasswordFlow().AllowClientCredentialsFlow();
                options.AcceptAnonymousClients();
                options.EnableDegradedMode();
                options.SetAccessTokenLifetime(TimeSpan.FromHours(8));
                options.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                options.UseDataProtection();
                var aspnet = options.UseAspNetCore().EnableTokenEndpointPassthrough();
                if (!requireHttps) aspnet.DisableTransportSecurityRequirement();
                // In degraded mode the client is checked by the passthrough endpoint; let the request through to it.
                options.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(handler =>
                    handler.UseInlineHandler(_ => default));
            })
            .AddValidation(options =>
            {
                options.UseLocalServer();
                options.UseDataProtection();
                options.UseAspNetCore();
            });
        services.AddAuthentication(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        services.AddAuthorization();
        return services;
    }
}
