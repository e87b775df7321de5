using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace ServerSync.AdminUi.Auth;

/// <summary>
/// The sign-in page asks the token endpoint over loopback, so the endpoint would see every browser as 127.0.0.1.
/// The page names the browser's address in a header, proven by a random key only this process knows; the token
/// endpoint trusts that header only with the key.
/// </summary>
public sealed class SignInForwarding
{
    public const string ClientAddressHeader = "X-ServerSync-Client-Address";
    public const string KeyHeader = "X-ServerSync-Forwarding-Key";

    private readonly string _key = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));

    public void Add(HttpRequestMessage request, HttpContext browser)
    {
        request.Headers.Add(KeyHeader, _key);
        request.Headers.Add(ClientAddressHeader, ClientAddress.Of(browser));
    }

    /// <summary>The address a sign-in counts against: the forwarded browser's for the sign-in page, else the connection's.</summary>
    public string ClientAddressOf(HttpContext http) =>
        http.Request.Headers[KeyHeader].ToString() is { Length: > 0 } key
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(key), Encoding.ASCII.GetBytes(_key))
            && http.Request.Headers[ClientAddressHeader].ToString() is { Length: > 0 } forwarded
            ? forwarded
            : ClientAddress.Of(http);
}

/// <summary>The client address of a request (after the forwarded-headers middleware, when configured).</summary>
public static class ClientAddress
{
    public static string Of(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
