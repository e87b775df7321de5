using ServerSync.Domain.Customers;
using ServerSync.Server.WebApi;

namespace ServerSync.Server.Tables;

/// <summary>Contacts and leads keep fullname in step with first and last name, as Dataverse does.</summary>
public sealed class ContactTableRules : TableRules<Contact>
{
    public override Task OnCreatingAsync(WebApiContext ctx, Contact row, IReadOnlySet<string> columns, CancellationToken ct)
    {
        row.FullName = PersonName.Compose(row.FirstName, row.LastName) ?? row.FullName;
        return Task.CompletedTask;
    }

    public override Task OnUpdatingAsync(WebApiContext ctx, Contact row, Contact before, IReadOnlySet<string> columns, CancellationToken ct) =>
        OnCreatingAsync(ctx, row, columns, ct);
}

public sealed class LeadTableRules : TableRules<Lead>
{
    public override Task OnCreatingAsync(WebApiContext ctx, Lead row, IReadOnlySet<string> columns, CancellationToken ct)
    {
        row.FullName = PersonName.Compose(row.FirstName, row.LastName) ?? row.FullName;
        return Task.CompletedTask;
    }

    public override Task OnUpdatingAsync(WebApiContext ctx, Lead row, Lead before, IReadOnlySet<string> columns, CancellationToken ct) =>
        OnCreatingAsync(ctx, row, columns, ct);
}

internal static class PersonName
{
    public static string? Compose(string? first, string? last)
    {
        var name = $"{first} {last}".Trim();
        return name.Length == 0 ? null : name;
    }
}
