using ServerSync.Domain.Errors;
using ServerSync.Domain.Security;
using ServerSync.Server.WebApi;

namespace ServerSync.Server.Tables;

/// <summary>
/// A user's settings come and go with the user and stay theirs: only read and updated (GET and PATCH, as in Dataverse),
/// and never given to someone else, since whoever owns the row would decide that user's send-as consent.
/// </summary>
public sealed class UserSettingsTableRules : TableRules<UserSettings>
{
    public override Task OnCreatingAsync(WebApiContext ctx, UserSettings row, IReadOnlySet<string> columns, CancellationToken ct) =>
        throw ServerSyncException.BadRequest("Rows of usersettings are created with their user.");

    public override Task OnUpdatingAsync(WebApiContext ctx, UserSettings row, UserSettings before, IReadOnlySet<string> columns, CancellationToken ct) =>
        row.OwnerId != before.OwnerId || row.OwnerIdType != before.OwnerIdType
            ? throw ServerSyncException.BadRequest("A user's settings belong to that user; ownerid can't be changed.")
            : Task.CompletedTask;

    public override Task OnDeletingAsync(WebApiContext ctx, UserSettings row, CancellationToken ct) =>
        throw ServerSyncException.BadRequest("Rows of usersettings go with their user and can't be deleted.");
}
