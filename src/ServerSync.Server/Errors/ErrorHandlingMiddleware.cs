using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServerSync.Domain.Errors;

namespace ServerSync.Server.Errors;

/// <summary>Turns refusals into Dataverse-shaped errors; anything unexpected is a 500 without internals.</summary>
public sealed class ErrorHandlingMiddleware(RequestDelegate next, ILogger<ErrorHandlingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        try
        {
            await next(http);
        }
        catch (ServerSyncException e) when (!http.Response.HasStarted)
        {
            await ErrorResponse.WriteAsync(http, ErrorResponse.StatusFor(e.Kind), e.Code, e.Message);
        }
        catch (JsonException e) when (!http.Response.HasStarted)
        {
            await ErrorResponse.WriteAsync(http, 400, ErrorCodes.InvalidArgument, $"The request body is not valid JSON: {e.Message}");
        }
        catch (BadHttpRequestException e) when (!http.Response.HasStarted)
        {
            // A body that doesn't bind (an unknown field, a wrong type) says which field, not only that binding failed.
            var message = e.InnerException is JsonException json ? AdminBodyError.Describe(json) : e.Message;
            await ErrorResponse.WriteAsync(http, 400, ErrorCodes.InvalidArgument, message);
        }
        catch (DbUpdateConcurrencyException) when (!http.Response.HasStarted)
        {
            await ErrorResponse.WriteAsync(http, 412, ErrorCodes.ConcurrencyVersionMismatch,
                "The version of the existing record doesn't match the RowVersion property provided.");
        }
        catch (Exception e) when (!http.Response.HasStarted && e is not OperationCanceledException)
        {
            logger.LogError(e, "Unhandled error on {Method} {Path}", http.Request.Method, http.Request.Path);
            await ErrorResponse.WriteAsync(http, 500, "0x80040216", "An unexpected error occurred; see the server log for details.");
        }
    }
}
