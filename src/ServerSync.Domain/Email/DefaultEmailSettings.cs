using System.Xml.Linq;

namespace ServerSync.Domain.Email;

/// <summary>
/// The org's default delivery methods for new mailboxes (organization.defaultemailsettings).
/// [gap] Dataverse does not document this XML; ServerSync uses
/// <c>&lt;EmailSettings&gt;&lt;IncomingEmailDeliveryMethod&gt;2&lt;/…&gt;&lt;OutgoingEmailDeliveryMethod&gt;2&lt;/…&gt;&lt;ACTDeliveryMethod&gt;1&lt;/…&gt;&lt;/EmailSettings&gt;</c>,
/// the element names the Dataverse UI writes, and rejects anything else on save.
/// </summary>
public sealed record DefaultEmailSettings(IncomingDeliveryMethod Incoming, OutgoingDeliveryMethod Outgoing, ActDeliveryMethod Act)
{
    /// <summary>Rule 10: incoming and outgoing through server-side sync, ACT through server-side sync.</summary>
    public static DefaultEmailSettings Standard { get; } =
        new(IncomingDeliveryMethod.ServerSideSync, OutgoingDeliveryMethod.ServerSideSync, ActDeliveryMethod.ServerSideSync);

    public string ToXml() => new XElement("EmailSettings",
        new XElement("IncomingEmailDeliveryMethod", (int)Incoming),
        new XElement("OutgoingEmailDeliveryMethod", (int)Outgoing),
        new XElement("ACTDeliveryMethod", (int)Act)).ToString(SaveOptions.DisableFormatting);

    /// <summary>Parses the XML; the error names what is wrong.</summary>
    public static DefaultEmailSettings Parse(string xml)
    {
        XElement root;
        try { root = XElement.Parse(xml); }
        catch (System.Xml.XmlException e) { throw new FormatException($"defaultemailsettings is not valid XML: {e.Message}"); }
        if (root.Name != "EmailSettings")
            throw new FormatException("defaultemailsettings must have the root element EmailSettings.");
        return new DefaultEmailSettings(
            Read<IncomingDeliveryMethod>(root, "IncomingEmailDeliveryMethod"),
            Read<OutgoingDeliveryMethod>(root, "OutgoingEmailDeliveryMethod"),
            Read<ActDeliveryMethod>(root, "ACTDeliveryMethod"));
    }

    private static T Read<T>(XElement root, string name) where T : struct, Enum
    {
        var text = root.Element(name)?.Value
            ?? throw new FormatException($"defaultemailsettings lacks the element {name}.");
        if (!int.TryParse(text, out var value) || !Enum.IsDefined(typeof(T), value))
            throw new FormatException($"defaultemailsettings: {text} is not a valid value for {name}.");
        return (T)Enum.ToObject(typeof(T), value);
    }
}
