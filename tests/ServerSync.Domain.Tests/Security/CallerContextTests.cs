using ServerSync.Domain.Security;

namespace ServerSync.Domain.Tests.Security;

/// <summary>Privilege depth: which rows a privilege held at Basic, Local, Deep or Global reaches.</summary>
public sealed class CallerContextTests
{
    private static readonly Guid Me = Guid.NewGuid(), MyTeam = Guid.NewGuid(), Other = Guid.NewGuid();
    private static readonly Guid MyUnit = Guid.NewGuid(), ChildUnit = Guid.NewGuid(), OtherUnit = Guid.NewGuid();

    private static readonly CallerContext Caller = new()
    {
        SystemUserId = Me, BusinessUnitId = MyUnit, BusinessUnitSubtree = new HashSet<Guid> { MyUnit, ChildUnit },
        TeamIds = new HashSet<Guid> { MyTeam }, DirectRoleTemplateIds = new HashSet<Guid>(), RoleTemplateIds = new HashSet<Guid>(),
        Privileges = new Dictionary<string, PrivilegeDepth> { ["prvReadMailbox"] = PrivilegeDepth.Local },
    };

    [Theory]
    [InlineData(PrivilegeDepth.Basic, "me", "mine", true)]
    [InlineData(PrivilegeDepth.Basic, "team", "mine", true)]
    [InlineData(PrivilegeDepth.Basic, "other", "mine", false)]
    [InlineData(PrivilegeDepth.Local, "other", "mine", true)]
    [InlineData(PrivilegeDepth.Local, "other", "child", false)]
    [InlineData(PrivilegeDepth.Deep, "other", "child", true)]
    [InlineData(PrivilegeDepth.Deep, "other", "foreign", false)]
    [InlineData(PrivilegeDepth.Global, "other", "foreign", true)]
    public void Depth_reaches_rows_by_owner_and_unit(PrivilegeDepth depth, string owner, string unit, bool reaches)
    {
        var ownerId = owner switch { "me" => Me, "team" => MyTeam, _ => Other };
        var unitId = unit switch { "mine" => MyUnit, "child" => ChildUnit, _ => OtherUnit };
        Assert.Equal(reaches, Caller.Reaches(depth, ownerId, unitId));
    }

    [Fact]
    public void System_administrator_holds_every_privilege_globally()
    {
        Assert.Equal(PrivilegeDepth.Local, Caller.DepthOf("prvReadMailbox"));
        Assert.Null(Caller.DepthOf("prvWriteMailbox"));
        var admin = new CallerContext
        {
            SystemUserId = Me, BusinessUnitId = MyUnit, BusinessUnitSubtree = new HashSet<Guid>(), TeamIds = new HashSet<Guid>(),
            DirectRoleTemplateIds = new HashSet<Guid> { StandardRoles.SystemAdministrator }, RoleTemplateIds = new HashSet<Guid> { StandardRoles.SystemAdministrator },
            Privileges = new Dictionary<string, PrivilegeDepth>(),
        };
        Assert.Equal(PrivilegeDepth.Global, admin.DepthOf("prvWriteMailbox"));
    }
}
