using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
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
                // Tokens are Data Protection payloads, so these keys protect no access token; OpenIddict still wants
                // one of each. New per start as OpenIddict's ephemeral keys are, but without generating two RSA keys
                // (~0.2 s of CPU each, on every start of every node).
                options.AddEncryptionKey(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)));
                options.AddSigningKey(new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)));
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
                // Bearer header only: a token in a URL ends up in logs, history and Referer headers.
                options.UseAspNetCore().DisableAccessTokenExtractionFromQueryString().DisableAccessTokenExtractionFromBodyForm();
                options.AddEventHandler(SecurityStampValidation.Descriptor);
            });
        services.AddAuthentication(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        services.AddSingleton<ClientAddressThrottle>();
        services.AddScoped<SignInLockouts>();
        services.AddAuthorization();
        return services;
    }
}
