namespace ServerSync.AdminUi.Monitoring;

/// <summary>The mailboxes of one server profile: how many, enabled, failing, and enabled without failing.</summary>
public sealed record ProfileHealth(Guid Id, string Name, int Total, int Enabled, int Failing, int Healthy)
{
    /// <summary>Neither failing nor enabled (not yet tested, or switched off).</summary>
    public int Idle => Total - Healthy - Failing;
}
