using Microsoft.OData.UriParser;
using ServerSync.Domain.Errors;

namespace ServerSync.Server.WebApi;

/// <summary>
/// Refuses <c>$filter</c>/<c>$orderby</c> functions other than Dataverse's contains, startswith and endswith. The OData
/// parser accepts every standard function (year, now, isof, matchesPattern, …), but the stores can't run several of them
/// and a query that fails in the store is a server error; Dataverse itself offers only these three.
/// </summary>
internal static class FilterFunctionCheck
{
    private static readonly HashSet<string> Supported = ["contains", "startswith", "endswith"];

    public static void Refuse(QueryNode? node)
    {
        switch (node)
        {
            case null:
                return;
            case SingleValueFunctionCallNode call:
                Ensure(call.Name);
                foreach (var parameter in call.Parameters) Refuse(parameter);
                return;
            case SingleResourceFunctionCallNode call:
                Ensure(call.Name);
                return;
            case CollectionFunctionCallNode call:
                Ensure(call.Name);
                return;
            case CollectionResourceFunctionCallNode call:
                Ensure(call.Name);
                return;
            case BinaryOperatorNode binary:
                Refuse(binary.Left);
                Refuse(binary.Right);
                return;
            case UnaryOperatorNode unary:
                Refuse(unary.Operand);
                return;
            case ConvertNode convert:
                Refuse(convert.Source);
                return;
            case InNode inNode:
                Refuse(inNode.Left);
                Refuse(inNode.Right);
                return;
            case LambdaNode lambda:
                Refuse(lambda.Body);
                return;
        }
    }

    private static void Ensure(string name)
    {
        if (!Supported.Contains(name))
            throw ServerSyncException.BadRequest($"The function '{name}' is not supported in $filter or $orderby; use contains, startswith or endswith.");
    }
}
