using System.Net;
using Microsoft.AspNetCore.Components;
using ServerSync.AdminUi.Api;

namespace ServerSync.AdminUi.Components.Shared;

/// <summary>What every page shares: the API client, the environment from the route, and the API's error text.</summary>
public abstract class AdminPage : ComponentBase
{
    [Inject] protected ServerSyncApi Api { get; set; } = default!;
    [Inject] protected NavigationManager Nav { get; set; } = default!;

    /// <summary>The environment's name, from <c>/admin/env/{Env}/…</c>.</summary>
    [Parameter] public string Env { get; set; } = "";

    /// <summary>The message of the last refused or failed call, exactly as the API said it.</summary>
    protected string? Error { get; set; }

    protected string? Notice { get; set; }

    protected bool Busy { get; set; }

    protected string Data(string path) => ServerSyncApi.Data(Env, path);

    protected string EnvBase => $"/admin/env/{Uri.EscapeDataString(Env)}";

    /// <summary>Runs an API call; a refusal becomes <see cref="Error"/>, an expired session goes back to sign-in.</summary>
    protected async Task<bool> RunAsync(Func<Task> action, string? success = null)
    {
        Error = null;
        Notice = null;
        Busy = true;
        try
        {
            await action();
            Notice = success;
            return true;
        }
        catch (ApiException e) when (e.Status == HttpStatusCode.Unauthorized)
        {
            Nav.NavigateTo($"/admin/signin?returnUrl={Uri.EscapeDataString("/" + Nav.ToBaseRelativePath(Nav.Uri))}", forceLoad: true);
            return false;
        }
        catch (ApiException e)
        {
            Error = e.Message;
            return false;
        }
        finally
        {
            Busy = false;
        }
    }
}
