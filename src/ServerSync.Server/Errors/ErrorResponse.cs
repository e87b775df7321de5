using System.Text.Json;
using ServerSync.Domain.Errors;

namespace ServerSync.Server.Errors;

/// <summary>Writes the Dataverse error shape <c>{"error":{"code":"0x…","message":"…"}}</c>.</summary>
public static class ErrorResponse
{
    public static int StatusFor(ErrorKind kind) => kind switch
    {
        ErrorKind.BadRequest => StatusCodes.Status400BadRequest,
        ErrorKind.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.PreconditionFailed => StatusCodes.Status412PreconditionFailed,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static Task WriteAsync(HttpContext http, int status, string code, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; odata.metadata=minimal";
        return JsonSerializer.SerializeAsync(http.Response.Body, new { error = new { code, message } });
    }

    public static IResult Result(ServerSyncException e) =>
        Results.Json(new { error = new { code = e.Code, message = e.Message } }, statusCode: StatusFor(e.Kind));
}
