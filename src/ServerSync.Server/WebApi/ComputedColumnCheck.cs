using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.Serialization;
using ServerSync.Domain.Errors;
using ServerSync.Domain.Metadata;

namespace ServerSync.Server.WebApi;

/// <summary>
/// Refuses a bound <c>$filter</c>/<c>$orderby</c> that uses a <see cref="ComputedColumnAttribute"/> column: the database
/// holds that column in another form, so the query could not run there (it would fail as a server error).
/// </summary>
internal sealed class ComputedColumnCheck : ExpressionVisitor
{
    public static void Refuse(Expression query) => new ComputedColumnCheck().Visit(query);

    protected override Expression VisitMember(MemberExpression node)
    {
        if (node.Member is PropertyInfo property && property.GetCustomAttribute<ComputedColumnAttribute>() is not null)
        {
            var name = property.GetCustomAttribute<DataMemberAttribute>()?.Name ?? property.Name;
            throw ServerSyncException.BadRequest($"The column {name} can't be used in $filter or $orderby.");
        }
        return base.VisitMember(node);
    }
}
