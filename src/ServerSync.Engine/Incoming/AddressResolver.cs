using Microsoft.EntityFrameworkCore;
using ServerSync.Storage;

namespace ServerSync.Engine.Incoming;

/// <summary>
/// Finds the records behind email addresses, for a whole batch in a few queries. Matches come in the
/// documented order of precedence (reference 2.5.4): users, contacts, accounts, leads; queues are matched
/// too because mail to a queue's address must reach the queue.
/// </summary>
public sealed class AddressResolver(ServerSyncDbContext db)
{
    public sealed record Match(string Type, Guid Id, Guid OwnerId, Guid OwningBusinessUnitId);

    public async Task<Dictionary<string, List<Match>>> ResolveAsync(Guid environmentId, IReadOnlyCollection<string> addresses, CancellationToken ct)
    {
        var result = addresses.Distinct().ToDictionary(a => a, _ => new List<Match>());
        if (result.Count == 0) return result;
        var keys = result.Keys.ToList();
        void Add(string? address, Match match)
        {
            if (address is not null && result.TryGetValue(address.ToLowerInvariant(), out var list) && !list.Contains(match)) list.Add(match);
        }

        foreach (var u in await db.SystemUsers.AsNoTracking()
                     .Where(u => u.EnvironmentId == environmentId && !u.IsDisabled && u.InternalEmailAddress != null && keys.Contains(u.InternalEmailAddress.ToLower()))
                     .Select(u => new { u.Id, u.InternalEmailAddress, u.BusinessUnitId }).ToListAsync(ct))
            Add(u.InternalEmailAddress, new Match("systemuser", u.Id, u.Id, u.BusinessUnitId));
        foreach (var c in await db.Contacts.AsNoTracking()
                     .Where(c => c.EnvironmentId == environmentId && c.StateCode == 0 && (keys.Contains(c.EmailAddress1!.ToLower()) || keys.Contains(c.EmailAddress2!.ToLower()) || keys.Contains(c.EmailAddress3!.ToLower())))
                     .ToListAsync(ct))
            foreach (var a in new[] { c.EmailAddress1, c.EmailAddress2, c.EmailAddress3 }) Add(a, new Match("contact", c.Id, c.OwnerId, c.OwningBusinessUnitId));
        foreach (var c in await db.Accounts.AsNoTracking()
                     .Where(c => c.EnvironmentId == environmentId && c.StateCode == 0 && (keys.Contains(c.EmailAddress1!.ToLower()) || keys.Contains(c.EmailAddress2!.ToLower()) || keys.Contains(c.EmailAddress3!.ToLower())))
                     .ToListAsync(ct))
            foreach (var a in new[] { c.EmailAddress1, c.EmailAddress2, c.EmailAddress3 }) Add(a, new Match("account", c.Id, c.OwnerId, c.OwningBusinessUnitId));
        foreach (var c in await db.Leads.AsNoTracking()
                     .Where(c => c.EnvironmentId == environmentId && c.StateCode == 0 && (keys.Contains(c.EmailAddress1!.ToLower()) || keys.Contains(c.EmailAddress2!.ToLower()) || keys.Contains(c.EmailAddress3!.ToLower())))
                     .ToListAsync(ct))
            foreach (var a in new[] { c.EmailAddress1, c.EmailAddress2, c.EmailAddress3 }) Add(a, new Match("lead", c.Id, c.OwnerId, c.OwningBusinessUnitId));
        foreach (var q in await db.Queues.AsNoTracking()
                     .Where(q => q.EnvironmentId == environmentId && q.StateCode == 0 && q.EmailAddress != null && keys.Contains(q.EmailAddress.ToLower()))
                     .ToListAsync(ct))
            Add(q.EmailAddress, new Match("queue", q.Id, q.OwnerId, q.OwningBusinessUnitId));
        return result;
    }
}
