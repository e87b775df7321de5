using System.Net.Mail;

namespace ServerSync.Domain.Metadata;

/// <summary>
/// What counts as an email address in a column: a bare <c>local@domain</c> without display name, spaces or control
/// characters. An address with CR/LF would end up in SMTP commands and message headers; one without @ can't be delivered.
/// </summary>
public static class EmailAddressFormat
{
    /// <summary>Why <paramref name="address"/> is not an address, or null when it is one.</summary>
    public static string? Problem(string address)
    {
        if (address.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
            return "it contains a space, a line break or another control character";
        var at = address.LastIndexOf('@');
        if (at <= 0 || at == address.Length - 1) return "it needs the form name@domain";
        if (!MailAddress.TryCreate(address, out var parsed) || parsed.Address != address || parsed.DisplayName.Length > 0)
            return "it needs the form name@domain, without a display name";
        return null;
    }
}
