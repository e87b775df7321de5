using System.Diagnostics;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Search;
using MailKit.Security;
using MimeKit;

namespace ServerSync.Testing;

/// <summary>
/// The real Dovecot and SMTP relay that scripts/test.sh starts (scripts/mailstack-start.sh), found through
/// SERVERSYNC_TEST_MAILSTACK (the path of its mailstack.env). Tests add their own mail users so they never share a mailbox.
/// </summary>
public sealed class MailStack
{
    private readonly Dictionary<string, string> _env;

    private MailStack(Dictionary<string, string> env) => _env = env;

    public static MailStack Current { get; } = Load();

    public string Host => _env["MAILSTACK_HOST"];
    public string Domain => _env["MAILSTACK_DOMAIN"];
    public int ImapPort => int.Parse(_env["MAILSTACK_IMAP_PORT"]);
    public int ImapsPort => int.Parse(_env["MAILSTACK_IMAPS_PORT"]);
    public int Pop3Port => int.Parse(_env["MAILSTACK_POP3_PORT"]);
    public int SubmissionPort => int.Parse(_env["MAILSTACK_SUBMISSION_PORT"]);
    public int RelayPort => int.Parse(_env["MAILSTACK_SMTP_PORT"]);
    public string TlsCertificate => _env["MAILSTACK_TLS_CERT"];
    public string Base => _env["MAILSTACK_BASE"];

    public static string PasswordOf(string address) => address.Split('@')[0] + "-pass";

    /// <summary>A new mail user with a unique address; its password is <c>local-pass</c>.</summary>
    public async Task<string> AddUserAsync(string prefix = "u")
    {
        var local = $"{prefix}{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 12, 40)];
        await RunAsync(Path.Combine(RepositoryRoot(), "scripts", "mailstack-add-user.sh"), Base, local);
        return $"{local}@{Domain}";
    }

    /// <summary>
    /// Puts raw bytes into a user's Inbox as they are, bypassing LMTP (which would add headers): written to the
    /// Maildir's tmp/ and moved into new/, as a delivery agent does. The user must have logged in once (Dovecot creates
    /// the Maildir then).
    /// </summary>
    public async Task DropRawAsync(string address, byte[] raw)
    {
        var maildir = Path.Combine(_env["MAILSTACK_MAIL_ROOT"], address, "Maildir");
        var name = $"{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}.{Guid.NewGuid():N}.serversync-test";
        var staged = Path.Combine(maildir, "tmp", name);
        await File.WriteAllBytesAsync(staged, raw);
        File.Move(staged, Path.Combine(maildir, "new", name));
    }

    /// <summary>Delivers a message through the SMTP relay, which hands local mail to Dovecot over LMTP.</summary>
    public async Task DeliverAsync(MimeMessage message)
    {
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(Host, RelayPort, SecureSocketOptions.None);
        await smtp.SendAsync(message);
        await smtp.DisconnectAsync(true);
    }

    /// <summary>Message-IDs in a folder of a user's mailbox (INBOX, or the Sent special folder with "Sent").</summary>
    public Task<List<string>> MessageIdsAsync(string address, string folder = "INBOX") =>
        InFolderAsync(address, folder, async box =>
            (await box.FetchAsync(0, -1, MessageSummaryItems.Envelope)).Select(s => s.Envelope?.MessageId).OfType<string>().ToList());

    /// <summary>The message with this Message-ID in a folder of a user's mailbox, or null.</summary>
    public Task<MimeMessage?> MessageAsync(string address, string messageId, string folder = "INBOX") =>
        InFolderAsync(address, folder, async box =>
        {
            var uid = (await box.SearchAsync(SearchQuery.HeaderContains("Message-ID", messageId))).FirstOrDefault();
            return uid.IsValid ? await box.GetMessageAsync(uid) : null;
        });

    private async Task<T> InFolderAsync<T>(string address, string folder, Func<IMailFolder, Task<T>> read)
    {
        using var imap = new ImapClient();
        imap.CheckCertificateRevocation = false;
        imap.ServerCertificateValidationCallback = (_, _, _, _) => true; // the test stack's own self-signed certificate
        await imap.ConnectAsync(Host, ImapPort, SecureSocketOptions.StartTls);
        await imap.AuthenticateAsync(address, PasswordOf(address));
        IMailFolder box = folder == "INBOX" ? imap.Inbox : imap.GetFolder(SpecialFolder.Sent) ?? await imap.GetFolderAsync(folder);
        await box.OpenAsync(FolderAccess.ReadOnly);
        var result = await read(box);
        await imap.DisconnectAsync(true);
        return result;
    }

    private static MailStack Load()
    {
        var path = Environment.GetEnvironmentVariable("SERVERSYNC_TEST_MAILSTACK")
            ?? throw new InvalidOperationException("SERVERSYNC_TEST_MAILSTACK is not set: run the tests with scripts/test.sh, which starts Dovecot and the SMTP relay.");
        var env = new Dictionary<string, string>();
        foreach (var line in File.ReadAllLines(path))
        {
            var eq = line.IndexOf('=');
            if (line.StartsWith('#') || eq <= 0) continue;
            env[line[..eq]] = line[(eq + 1)..].Trim('\'', '"');
        }
        return new MailStack(env);
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ServerSync.slnx"))) return dir.FullName;
        throw new InvalidOperationException("The repository root (ServerSync.slnx) was not found above the test binaries.");
    }

    private static async Task RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo("bash", [file, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{Path.GetFileName(file)} failed: {await stderr}");
    }
}
