using System.CommandLine;
using System.Text.Json.Nodes;

namespace ServerSync.Cli.Commands;

/// <summary><c>serversync profiles set-default</c>: makes a profile the organization's default email server profile.</summary>
public static class ProfilesCommand
{
    public static Command Create(CliContext cli) =>
        new("profiles", "Email server profiles") { SetDefault(cli) };

    private static Command SetDefault(CliContext cli)
    {
        var profileId = new Argument<Guid>("profile-id") { Description = "The email server profile's id" };
        var command = new Command("set-default", "Make the profile the organization's default (new mailboxes get it)") { profileId };
        command.SetAction((parse, ct) => cli.WithApiAsync(async api =>
        {
            var profile = parse.GetValue(profileId);
            // Every environment has exactly one organization row; its id is needed for the PATCH.
            var orgs = await api.ListAsync(Query.Build("organizations", ("$select", "organizationid")), pageSize: null, limit: null, ct);
            var orgId = orgs.Select(o => (o["organizationid"] as JsonValue)?.ToString()).FirstOrDefault(id => id is not null)
                ?? throw CliException.Refused("the environment has no organization row the caller can read");
            await api.PatchAsync($"organizations({orgId})", new JsonObject { ["defaultemailserverprofileid@odata.bind"] = $"/emailserverprofiles({profile})" }, ct);
            cli.Out.WriteLine($"default email server profile of organizations({orgId}) is now emailserverprofiles({profile})");
            return ExitCodes.Success;
        }));
        return command;
    }
}
