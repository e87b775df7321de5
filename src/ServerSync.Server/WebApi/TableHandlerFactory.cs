namespace ServerSync.Server.WebApi;

/// <summary>Builds the handler of a table with that table's rules from the request's services.</summary>
public sealed class TableHandlerFactory(IServiceProvider services)
{
    public ITableHandler For(TableInfo table)
    {
        var rules = services.GetService(typeof(ITableRules<>).MakeGenericType(table.ClrType));
        return (ITableHandler)Activator.CreateInstance(typeof(TableHandler<>).MakeGenericType(table.ClrType), table, rules)!;
    }
}
