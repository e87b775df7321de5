using System.Linq.Expressions;
using ServerSync.Domain.Errors;
using ServerSync.Domain.Metadata;
using ServerSync.Domain.Security;

namespace ServerSync.Server.WebApi;

/// <summary>Table privileges: whether a caller may act on a table, and which rows its depth reaches.</summary>
public static class TableAccess
{
    /// <summary>The caller's depth for the privilege, or a 403 naming the missing privilege as Dataverse does.</summary>
    public static PrivilegeDepth Require(CallerContext caller, AccessRight right, TableInfo table)
    {
        var name = PrivilegeCatalog.NameFor(right, table.SchemaName);
        return caller.DepthOf(name) ?? throw ServerSyncException.Forbidden(
            $"Principal user (Id={caller.SystemUserId}, type=8) is missing {name} privilege on OTC={table.LogicalName}.");
    }

    /// <summary>Rows of the table the depth reaches, as a query filter.</summary>
    public static IQueryable<T> Scope<T>(IQueryable<T> rows, CallerContext caller, PrivilegeDepth depth, TableInfo table)
    {
        if (depth == PrivilegeDepth.Global || !table.IsOwned) return rows;
        var r = Expression.Parameter(typeof(T), "r");
        var owner = Expression.Property(r, nameof(OwnedRecord.OwnerId));
        var unit = Expression.Property(r, nameof(OwnedRecord.OwningBusinessUnitId));
        Expression body = depth switch
        {
            PrivilegeDepth.Deep => Contains(caller.BusinessUnitSubtree.ToList(), unit),
            PrivilegeDepth.Local => Expression.Equal(unit, Expression.Constant(caller.BusinessUnitId)),
            _ => Contains(caller.TeamIds.Append(caller.SystemUserId).ToList(), owner),
        };
        return rows.Where(Expression.Lambda<Func<T, bool>>(body, r));
    }

    /// <summary>A 403 unless the depth reaches this row.</summary>
    public static void EnsureReaches(CallerContext caller, PrivilegeDepth depth, EnvironmentRecord row, AccessRight right, TableInfo table)
    {
        if (row is not OwnedRecord owned || caller.Reaches(depth, owned.OwnerId, owned.OwningBusinessUnitId)) return;
        throw ServerSyncException.Forbidden(
            $"Principal user (Id={caller.SystemUserId}, type=8) has {PrivilegeCatalog.NameFor(right, table.SchemaName)} at {depth} depth, which does not reach {table.LogicalName} {row.Id}.");
    }

    /// <summary>
    /// Linking a child row to a parent (a lookup, a deep insert, an association): Append on the child and AppendTo
    /// on the parent, each at a depth that reaches the row, as Dataverse checks them; a 403 names what is missing.
    /// </summary>
    public static void EnsureMayLink(CallerContext caller, TableInfo child, EnvironmentRecord childRow, TableInfo parent, EnvironmentRecord parentRow)
    {
        if (PrivilegeCatalog.RightsOf(child.LogicalName).Contains(AccessRight.Append))
            EnsureReaches(caller, Require(caller, AccessRight.Append, child), childRow, AccessRight.Append, child);
        EnsureReaches(caller, Require(caller, AccessRight.AppendTo, parent), parentRow, AccessRight.AppendTo, parent);
    }

    private static MethodCallExpression Contains(List<Guid> values, Expression item) =>
        Expression.Call(Expression.Constant(values), typeof(List<Guid>).GetMethod(nameof(List<Guid>.Contains))!, item);
}
