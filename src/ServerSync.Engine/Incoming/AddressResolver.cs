using Microsoft.EntityFrameworkCore;
using ServerSync.Domain.Customers;
using ServerSync.Domain.Metadata;
using ServerSync.Storage;

namespace ServerSync.Engine.Incoming;

/// <summary>
/// Finds the records behind email addresses, for a whole batch in a few queries. Matches come in the
/// documented order of precedence (reference 2.5.4): users, contacts, accounts, leads; queues are matched
/// too because mail to a queue's address must reach the queue. Scoped to one mailbox cycle, it remembers
/// what it found, so an address seen in an earlier batch of the cycle is not looked up again.
/// </summary>
public sealed class AddressResolver(ServerSyncDbContext db)
{
    public sealed record Match(string Type, Guid Id, Guid OwnerId, Guid OwningBusinessUnitId);

    private readonly Dictionary<(Guid Environment, string Address), List<Match>> _known = [];

    public async Task<Dictionary<string, List<Match>>> ResolveAsync(Guid environmentId, IReadOnlyCollection<string> addresses, CancellationToken ct)
    {
        var unknown = addresses.Distinct().Where(a => !_known.ContainsKey((environmentId, a))).ToList();
        if (unknown.Count > 0)
        {
            foreach (var (address, matches) in await LookUpAsync(environmentId, unknown, ct)) _known[(environmentId, address)] = matches;
        }

        return addresses.Distinct().ToDictionary(a => a, a => _known[(environmentId, a)]);
    }

    /// <remarks>
    /// Every condition is one column compared in lower case, so each query is a search of an index on
    /// (lower(column), environmentid) (<see cref="AddressIndexes"/>) however large the tables grow; the three
    /// address columns are three searches joined by UNION ALL, because an OR of them makes the planner fall back to
    /// reading every row of the environment. The queries go by address alone and the environment is checked here, as
    /// <see cref="AddressIndexes.AddressFirst"/> explains. Each column is tested for null first: EF Core then leaves out
    /// its test for a null in the list ("OR column IS NULL AND array_position(keys, NULL) …"), which no index answers.
    /// </remarks>
    private async Task<Dictionary<string, List<Match>>> LookUpAsync(Guid environmentId, List<string> addresses, CancellationToken ct)
    {
        var result = addresses.ToDictionary(a => a, _ => new List<Match>());
        void Add(Guid environment, string? address, Match match)
        {
            if (environment == environmentId && address is not null && result.TryGetValue(address.ToLowerInvariant(), out var list) && !list.Contains(match))
                list.Add(match);
        }

        // EF.Parameter: the list goes as one JSON parameter instead of one parameter per address (EF Core 10's
        // default), which SQLite binds by name with a linear search each.
        var keys = addresses;
        foreach (var u in await db.SystemUsers.AsNoTracking()
                     .Where(u => !u.IsDisabled && u.InternalEmailAddress != null && EF.Parameter(keys).Contains(u.InternalEmailAddress.ToLower()))
                     .Select(u => new { u.Id, u.EnvironmentId, u.InternalEmailAddress, u.BusinessUnitId }).ToListAsync(ct))
            Add(u.EnvironmentId, u.InternalEmailAddress, new Match("systemuser", u.Id, u.Id, u.BusinessUnitId));
        await AddCustomersAsync(db.Contacts, "contact", keys, Add, ct);
        await AddCustomersAsync(db.Accounts, "account", keys, Add, ct);
        await AddCustomersAsync(db.Leads, "lead", keys, Add, ct);
        foreach (var q in await db.Queues.AsNoTracking()
                     .Where(q => q.StateCode == 0 && q.EmailAddress != null && EF.Parameter(keys).Contains(q.EmailAddress.ToLower()))
                     .Select(q => new { q.Id, q.EnvironmentId, q.EmailAddress, q.OwnerId, q.OwningBusinessUnitId }).ToListAsync(ct))
            Add(q.EnvironmentId, q.EmailAddress, new Match("queue", q.Id, q.OwnerId, q.OwningBusinessUnitId));
        return result;
    }

    private static async Task AddCustomersAsync<T>(IQueryable<T> table, string type, List<string> keys, Action<Guid, string?, Match> add, CancellationToken ct)
        where T : OwnedRecord, IEmailAddressable
    {
        var active = table.AsNoTracking().Where(c => c.StateCode == 0);
        var found = active.Where(c => c.EmailAddress1 != null && EF.Parameter(keys).Contains(c.EmailAddress1.ToLower()))
            .Concat(active.Where(c => c.EmailAddress2 != null && EF.Parameter(keys).Contains(c.EmailAddress2.ToLower())))
            .Concat(active.Where(c => c.EmailAddress3 != null && EF.Parameter(keys).Contains(c.EmailAddress3.ToLower())))
            .Select(c => new { c.Id, c.EnvironmentId, c.OwnerId, c.OwningBusinessUnitId, c.EmailAddress1, c.EmailAddress2, c.EmailAddress3 });
        foreach (var c in await found.ToListAsync(ct))
            foreach (var address in new[] { c.EmailAddress1, c.EmailAddress2, c.EmailAddress3 })
                add(c.EnvironmentId, address, new Match(type, c.Id, c.OwnerId, c.OwningBusinessUnitId));
    }
}
