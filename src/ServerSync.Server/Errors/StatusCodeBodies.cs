using Microsoft.AspNetCore.Diagnostics;
using ServerSync.Domain.Errors;

namespace ServerSync.Server.Errors;

/// <summary>Gives bodiless error responses (401 challenges, 403 forbids, unknown routes) the Dataverse error shape.</summary>
public static class StatusCodeBodies
{
    public static Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var (code, message) = http.Response.StatusCode switch
        {
            401 => (ErrorCodes.Unauthenticated, "Authentication is required: send a bearer token from /connect/token."),
            403 => (ErrorCodes.PrivilegeDenied, "The caller is not allowed to do this."),
            404 => (ErrorCodes.UnknownSegment, $"Resource not found for the segment '{http.Request.Path}'."),
            405 => (ErrorCodes.InvalidArgument, $"The HTTP method {http.Request.Method} is not allowed here."),
            var other => ("0x80040216", $"The request failed with HTTP status {other}."),
        };
        return ErrorResponse.WriteAsync(http, http.Response.StatusCode, code, message);
    }
}
