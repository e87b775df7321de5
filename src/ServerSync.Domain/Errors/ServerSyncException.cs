namespace ServerSync.Domain.Errors;

/// <summary>A refused request: carries the Dataverse error code and the kind that selects the HTTP status.</summary>
public sealed class ServerSyncException(ErrorKind kind, string code, string message) : Exception(message)
{
    public ErrorKind Kind { get; } = kind;
    public string Code { get; } = code;

    public static ServerSyncException BadRequest(string message, string code = ErrorCodes.InvalidArgument) =>
        new(ErrorKind.BadRequest, code, message);

    public static ServerSyncException Forbidden(string message, string code = ErrorCodes.PrivilegeDenied) =>
        new(ErrorKind.Forbidden, code, message);

    public static ServerSyncException NotFound(string message, string code = ErrorCodes.ObjectDoesNotExist) =>
        new(ErrorKind.NotFound, code, message);
}

public enum ErrorKind { BadRequest, Unauthorized, Forbidden, NotFound, Conflict, PreconditionFailed }
