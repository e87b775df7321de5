using ServerSync.Cli.Records;

namespace ServerSync.Cli.Tests;

public sealed class EntitySetNamesTests
{
    [Theory]
    [InlineData("emailserverprofile", "emailserverprofiles")]
    [InlineData("emailserverprofiles", "emailserverprofiles")]
    [InlineData("mailbox", "mailboxes")]
    [InlineData("mailboxes", "mailboxes")]
    [InlineData("businessunit", "businessunits")]
    [InlineData("systemuser", "systemusers")]
    [InlineData("queue", "queues")]
    [InlineData("organization", "organizations")]
    [InlineData("asyncoperation", "asyncoperations")]
    [InlineData("activityparty", "activityparties")]
    [InlineData("Mailbox", "mailboxes")]
    public void Logical_names_map_to_entity_sets(string name, string set)
    {
        Assert.Equal(set, EntitySetNames.ToEntitySet(name));
    }

    [Theory]
    [InlineData("mailboxes", "mailbox")]
    [InlineData("emailserverprofiles", "emailserverprofile")]
    [InlineData("activityparties", "activityparty")]
    [InlineData("queues", "queue")]
    public void Entity_sets_map_back_to_logical_names(string set, string name)
    {
        Assert.Equal(name, EntitySetNames.ToLogicalName(set));
    }

    [Theory]
    [InlineData("mail boxes")]
    [InlineData("")]
    [InlineData("mailboxes(1)")]
    [InlineData("../admin")]
    public void Anything_else_is_a_usage_error(string name)
    {
        Assert.Equal(ExitCodes.Usage, Assert.Throws<CliException>(() => EntitySetNames.ToEntitySet(name)).ExitCode);
    }
}
