using System.Diagnostics;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using ServerSync.Testing;

namespace ServerSync.Bench;

/// <summary>The mail stack's scripts (scripts/mailstack-*.sh) and a few direct IMAP/SMTP calls the bench needs.</summary>
public static class MailStackOps
{
    public static MailStack Mail => MailStack.Current;
    public static string Root => MailStack.RepositoryRoot();

    /// <summary>Adds (idempotently) all users in one scripts/mailstack-add-user.sh --users call; returns their addresses.</summary>
    public static async Task<List<string>> AddUsersAsync(IReadOnlyList<string> localParts)
    {
        await RunAsync("bash", [Path.Combine(Root, "scripts", "mailstack-add-user.sh"), Mail.Base, "--users", .. localParts]);
        return localParts.Select(l => $"{l}@{Mail.Domain}").ToList();
    }

    /// <summary>scripts/mailstack-deliver.sh BASE RCPT DIR: the folder's messages over one LMTP connection.</summary>
    public static Task<string> DeliverFolderAsync(string recipient, string folder) =>
        RunAsync("bash", [Path.Combine(Root, "scripts", "mailstack-deliver.sh"), Mail.Base, recipient, folder]);

    /// <summary>One message through the SMTP relay (which hands local mail to Dovecot over LMTP), as the engine tests deliver.</summary>
    public static async Task DeliverAsync(MimeMessage message)
    {
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(Mail.Host, Mail.RelayPort, SecureSocketOptions.None);
        await smtp.SendAsync(message);
        await smtp.DisconnectAsync(true);
    }

    /// <summary>An IMAP session like the engine's: STARTTLS on the IMAP port, the stack's own certificate trusted.</summary>
    public static async Task<ImapClient> ConnectImapAsync(string address)
    {
        var imap = new ImapClient { CheckCertificateRevocation = false };
        imap.ServerCertificateValidationCallback = (_, _, _, _) => true; // the stack's self-signed certificate
        await imap.ConnectAsync(Mail.Host, Mail.ImapPort, SecureSocketOptions.StartTls);
        await imap.AuthenticateAsync(address, MailStack.PasswordOf(address));
        return imap;
    }

    public static async Task<int> InboxCountAsync(string address)
    {
        using var imap = await ConnectImapAsync(address);
        await imap.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var count = imap.Inbox.Count;
        await imap.DisconnectAsync(true);
        return count;
    }

    /// <summary>PID of the stack's Dovecot master (its CPU time includes reaped imap/lmtp children).</summary>
    public static int? DovecotPid()
    {
        var file = Path.Combine(Mail.Base, "dovecot", "run", "master.pid");
        return File.Exists(file) && int.TryParse(File.ReadAllLines(file).FirstOrDefault(), out var pid) ? pid : null;
    }

    public static async Task<string> RunAsync(string file, IReadOnlyList<string> args, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? Root };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var err = await stderr;
        if (process.ExitCode != 0) throw new InvalidOperationException($"{Path.GetFileName(args.FirstOrDefault() ?? file)} failed ({process.ExitCode}): {err}{stdout}");
        return (stdout + err).Trim();
    }
}
