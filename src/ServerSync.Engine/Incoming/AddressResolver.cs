using Microsoft.EntityFrameworkCore;
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

    private async Task<Dictionary<string, List<Match>>> LookUpAsync(Guid environmentId, List<string> addresses, CancellationToken ct)
    {
        var result = addresses.ToDictionary(a => a, _ => new List<Match>());
        // EF.Parameter: the list goes as one JSON parameter instead of one parameter per address (EF Core 10's
        // default), which SQLite binds by name with a linear search each.
        var keys = addresses;
        void Add(string? address, Match match)
        {
            if (address is not null && result.TryGetValue(address.ToLowerInvariant(), out var list) && !list.Contains(match)) list.Add(match);
        }

        foreach (var u in await db.SystemUsers.AsNoTracking()
                     .Where(u => u.EnvironmentId == environmentId && !u.IsDisabled && u.InternalEmailAddress != null && EF.Parameter(keys).Contains(u.InternalEmailAddress.ToLower()))
                     .Select(u => new { u.Id, u.InternalEmailAddress, u.BusinessUnitId }).ToListAsync(ct))
            Add(u.InternalEmailAddress, new Match("systemuser", u.Id, u.Id, u.BusinessUnitId));
        foreach (var c in await db.Contacts.AsNoTracking()
                     .Where(c => c.EnvironmentId == environmentId && c.StateCode == 0 && (EF.Parameter(keys).Contains(c.EmailAddress1!.ToLower()) || EF.Parameter(keys).Contains(c.EmailAddress2!.ToLower()) || EF.Parameter(keys).Contains(c.EmailAddress3!.ToLower())))
                     .ToListAsync(ct))
            foreach (var a in new[] { c.EmailAddress1, c.EmailAddress2, c.EmailAddress3 }) Add(a, new Match("contact", c.Id, c.OwnerId, c.OwningBusinessUnitId));
        foreach (var c in await db.Accounts.AsNoTracking()
                     .Where(c => c.EnvironmentId == environmentId && c.StateCode == 0 && (EF.Parameter(keys).Contains(c.EmailAddress1!.ToLower()) || EF.Parameter(keys).Contains(c.EmailAddress2!.ToLower()) || EF.Parameter(keys).Contains(c.EmailAddress3!.ToLower())))
                     .ToListAsync(ct))
            foreach (var a in new[] { c.EmailAddress1, c.EmailAddress2, c.EmailAddress3 }) Add(a, new Match("account", c.Id, c.OwnerId, c.OwningBusinessUnitId));
        foreach (var c in await db.Leads.AsNoTracking()
                     .Where(c => c.EnvironmentId == environmentId && c.StateCode == 0 && (EF.Parameter(keys).Contains(c.EmailAddress1!.ToLower()) || EF.Parameter(keys).Contains(c.EmailAddress2!.ToLower()) || EF.Parameter(keys).Contains(c.EmailAddress3!.ToLower())))
                     .ToListAsync(ct))
            foreach (var a in new[] { c.EmailAddress1, c.EmailAddress2, c.EmailAddress3 }) Add(a, new Match("lead", c.Id, c.OwnerId, c.OwningBusinessUnitId));
        foreach (var q in await db.Queues.AsNoTracking()
                     .Where(q => q.EnvironmentId == environmentId && q.StateCode == 0 && q.EmailAddress != null && EF.Parameter(keys).Contains(q.EmailAddress.ToLower()))
                     .ToListAsync(ct))
            Add(q.EmailAddress, new Match("queue", q.Id, q.OwnerId, q.OwningBusinessUnitId));
        return result;
    }
}
