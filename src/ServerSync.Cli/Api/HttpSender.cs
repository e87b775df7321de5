using System.Net.Http.Headers;

namespace ServerSync.Cli.Api;

/// <summary>Sends a request and maps transport failures (refused connection, DNS, timeout) to exit code 3.</summary>
public static class HttpSender
{
    public const string UserAgent = "serversync-cli/0.1";

    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request, CancellationToken ct)
    {
        request.Headers.UserAgent.ParseAdd(UserAgent);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var target = request.RequestUri is { IsAbsoluteUri: true } uri ? uri.GetLeftPart(UriPartial.Authority) : "the server";
        try
        {
            return await http.SendAsync(request, ct);
        }
        catch (HttpRequestException e)
        {
            throw CliException.NotConnected($"can't reach {target}: {e.Message}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw CliException.NotConnected($"{target} did not answer within {http.Timeout.TotalSeconds:0} seconds");
        }
    }
}
