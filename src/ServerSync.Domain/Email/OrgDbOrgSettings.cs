using System.Xml.Linq;

namespace ServerSync.Domain.Email;

/// <summary>
/// The OrgDbOrgSettings that server-side sync reads, stored as <c>&lt;OrgSettings&gt;&lt;Name&gt;value&lt;/Name&gt;…</c>
/// in organization.orgdborgsettings. Unknown names are kept but ignored; missing ones take the documented default.
/// </summary>
public sealed class OrgDbOrgSettings
{
    private readonly XElement _root;

    private OrgDbOrgSettings(XElement root) => _root = root;

    /// <summary>Rule 17: when on, self-approval also needs the approve privilege. Default off.</summary>
    public bool RequirePrivilegeToSelfApproveEmailAddress => ReadBool(nameof(RequirePrivilegeToSelfApproveEmailAddress), false);

    public static OrgDbOrgSettings Parse(string xml)
    {
        XElement root;
        try { root = XElement.Parse(xml); }
        catch (System.Xml.XmlException e) { throw new FormatException($"orgdborgsettings is not valid XML: {e.Message}"); }
        if (root.Name != "OrgSettings")
            throw new FormatException("orgdborgsettings must have the root element OrgSettings.");
        foreach (var element in root.Elements())
        {
            if (KnownBooleans.Contains(element.Name.LocalName) && !bool.TryParse(element.Value, out _))
                throw new FormatException($"orgdborgsettings: {element.Name.LocalName} must be true or false.");
        }
        return new OrgDbOrgSettings(root);
    }

    private static readonly HashSet<string> KnownBooleans = [nameof(RequirePrivilegeToSelfApproveEmailAddress)];

    private bool ReadBool(string name, bool fallback) =>
        _root.Element(name) is { } e && bool.TryParse(e.Value, out var value) ? value : fallback;
}
