using Microsoft.AspNetCore.Http;

namespace ServerSync.AdminUi.Auth;

/// <summary>
/// The admin center's pages can't be framed (clickjacking) and run only scripts served by ServerSync itself. Styles
/// may be inline: Fluent UI's web components and plotly.js set them at run time; the circuit's WebSocket is same-origin.
/// </summary>
public static class AdminUiHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static void Add(IHeaderDictionary headers)
    {
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.Append("Referrer-Policy", "same-origin");
    }
}
