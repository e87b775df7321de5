using ServerSync.Domain.Email;

namespace ServerSync.Domain.Tests.Email;

/// <summary>The XML columns of the organization: default email settings and OrgDbOrgSettings.</summary>
public sealed class SettingsXmlTests
{
    [Fact]
    public void Default_email_settings_round_trip()
    {
        var settings = new DefaultEmailSettings(IncomingDeliveryMethod.ForwardMailbox, OutgoingDeliveryMethod.None, ActDeliveryMethod.None);
        Assert.Equal(settings, DefaultEmailSettings.Parse(settings.ToXml()));
    }

    [Theory]
    [InlineData("not xml", "not valid XML")]
    [InlineData("<Other />", "root element EmailSettings")]
    [InlineData("<EmailSettings><IncomingEmailDeliveryMethod>2</IncomingEmailDeliveryMethod><OutgoingEmailDeliveryMethod>2</OutgoingEmailDeliveryMethod></EmailSettings>", "ACTDeliveryMethod")]
    [InlineData("<EmailSettings><IncomingEmailDeliveryMethod>9</IncomingEmailDeliveryMethod><OutgoingEmailDeliveryMethod>2</OutgoingEmailDeliveryMethod><ACTDeliveryMethod>1</ACTDeliveryMethod></EmailSettings>", "9 is not a valid value")]
    public void Bad_default_email_settings_are_refused_with_the_reason(string xml, string reason)
    {
        Assert.Contains(reason, Assert.Throws<FormatException>(() => DefaultEmailSettings.Parse(xml)).Message);
    }

    [Fact]
    public void Org_settings_default_and_override()
    {
        Assert.False(OrgDbOrgSettings.Parse("<OrgSettings />").RequirePrivilegeToSelfApproveEmailAddress);
        Assert.True(OrgDbOrgSettings.Parse("<OrgSettings><RequirePrivilegeToSelfApproveEmailAddress>true</RequirePrivilegeToSelfApproveEmailAddress></OrgSettings>").RequirePrivilegeToSelfApproveEmailAddress);
        Assert.Throws<FormatException>(() => OrgDbOrgSettings.Parse("<OrgSettings><RequirePrivilegeToSelfApproveEmailAddress>maybe</RequirePrivilegeToSelfApproveEmailAddress></OrgSettings>"));
    }
}
