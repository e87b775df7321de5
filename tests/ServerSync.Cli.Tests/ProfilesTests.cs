namespace ServerSync.Cli.Tests;

public sealed class ProfilesTests(ServerFixture server) : CliTestBase(server), IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Set_default_points_the_organization_at_the_profile()
    {
        await LoginAsync(await Server.NewEnvironmentAsync());
        var profile = await CreateImapProfileAsync();

        var result = await OkAsync("profiles", "set-default", profile.ToString());

        Assert.EndsWith($"is now emailserverprofiles({profile})", Assert.Single(result.OutLines));
        var org = Assert.Single((await OkAsync("records", "list", "organizations", "--select", "_defaultemailserverprofileid_value")).Json.AsArray())!;
        Assert.Equal(profile.ToString(), org["_defaultemailserverprofileid_value"]!.ToString());
    }

    [Fact]
    public async Task Set_default_to_a_profile_that_does_not_exist_is_refused()
    {
        await LoginAsync(await Server.NewEnvironmentAsync());
        var missing = Guid.NewGuid();

        var line = AssertOneErrorLine(await Cli.RunAsync("profiles", "set-default", missing.ToString()), 1);

        Assert.Equal($"error: emailserverprofile With Id = {missing} Does Not Exist (0x80040217)", line);
        var org = Assert.Single((await OkAsync("records", "list", "organizations", "--select", "_defaultemailserverprofileid_value")).Json.AsArray())!;
        Assert.Null(org["_defaultemailserverprofileid_value"]);
    }
}
