using ServerSync.Connectors.Abstractions;

namespace ServerSync.Connectors.Tests.Infrastructure;

/// <summary>
/// The real Dovecot + SMTP relay stack the tests run against, found through the mailstack.env file named by
/// SERVERSYNC_TEST_MAILSTACK (written by start-mailstack.sh).
/// </summary>
internal sealed class MailStack
{
    public const string EnvironmentVariable = "SERVERSYNC_TEST_MAILSTACK";

    private const int UsersPerBatch = 50;

    private static readonly Lazy<MailStack> Loaded = new(Load);
    private readonly Queue<TestMailbox> _unusedMailboxes = new();
    private readonly SemaphoreSlim _unusedMailboxesLock = new(1, 1);
    private int _sharedUserTurn;

    private MailStack(string envFile, IReadOnlyDictionary<string, string> values)
    {
        string Require(string key) => values.TryGetValue(key, out var value) && value.Length > 0
            ? value
            : throw new InvalidOperationException($"{envFile} has no {key}; restart the mail stack with a current start-mailstack.sh.");
        int Port(string key) => int.Parse(Require(key), System.Globalization.CultureInfo.InvariantCulture);

        Host = values.GetValueOrDefault("MAILSTACK_HOST", "127.0.0.1");
        Domain = Require("MAILSTACK_DOMAIN");
        Users = Require("MAILSTACK_USERS").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        PasswordSuffix = Require("MAILSTACK_PASSWORD_SUFFIX");
        PasswdFile = values.GetValueOrDefault("MAILSTACK_PASSWD_FILE") is { Length: > 0 } passwd ? passwd : null;
        ImapPort = Port("MAILSTACK_IMAP_PORT");
        ImapsPort = Port("MAILSTACK_IMAPS_PORT");
        Pop3Port = Port("MAILSTACK_POP3_PORT");
        Pop3sPort = Port("MAILSTACK_POP3S_PORT");
        LmtpPort = Port("MAILSTACK_LMTP_PORT");
        SubmissionPort = Port("MAILSTACK_SUBMISSION_PORT");
        SmtpRelayPort = Port("MAILSTACK_SMTP_PORT");
        SmtpOutbox = Require("MAILSTACK_SMTP_OUTBOX");
        TlsCertificateFile = Require("MAILSTACK_TLS_CERT");
    }

    public static MailStack Current => Loaded.Value;

    public string Host { get; }
    public string Domain { get; }
    public IReadOnlyList<string> Users { get; }
    public string PasswordSuffix { get; }

    /// <summary>Dovecot's passwd-file, re-read on change: when known, each test gets mailboxes of its own.</summary>
    public string? PasswdFile { get; }

    public int ImapPort { get; }
    public int ImapsPort { get; }
    public int Pop3Port { get; }
    public int Pop3sPort { get; }
    public int LmtpPort { get; }

    /// <summary>Dovecot submission: AUTH required, STARTTLS offered; relays through the SMTP relay.</summary>
    public int SubmissionPort { get; }

    /// <summary>The SMTP relay: no AUTH, no STARTTLS; delivers local recipients over LMTP and refuses unknown ones.</summary>
    public int SmtpRelayPort { get; }

    /// <summary>Every message the relay accepted, as a .eml file.</summary>
    public string SmtpOutbox { get; }

    /// <summary>The stack's self-signed certificate (PEM), usable as TrustedCaFile.</summary>
    public string TlsCertificateFile { get; }

    /// <summary>A new user of its own when the passwd-file is known, otherwise the next of the shared users.</summary>
    public async Task<TestMailbox> CreateMailboxAsync()
    {
        if (PasswdFile is null)
        {
            var user = Users[Interlocked.Increment(ref _sharedUserTurn) % Users.Count];
            return new TestMailbox($"{user}@{Domain}", user + PasswordSuffix);
        }

        await _unusedMailboxesLock.WaitAsync();
        try
        {
            if (_unusedMailboxes.Count == 0)
            {
                await AddUsersAsync(PasswdFile);
            }

            return _unusedMailboxes.Dequeue();
        }
        finally
        {
            _unusedMailboxesLock.Release();
        }
    }

    /// <summary>
    /// Adds a batch of users: Dovecot looks at its passwd-file at most once a second, so each batch costs up to a
    /// second of waiting until Dovecot knows the new users.
    /// </summary>
    private async Task AddUsersAsync(string passwdFile)
    {
        var names = Enumerable.Range(0, UsersPerBatch).Select(_ => $"conn-{Guid.NewGuid():N}"[..17]).ToList();
        await File.AppendAllLinesAsync(passwdFile, names.Select(name => $"{name}@{Domain}:{{PLAIN}}{name}{PasswordSuffix}"));
        var last = $"{names[^1]}@{Domain}";
        for (var attempt = 0; !await LmtpDelivery.AcceptsRecipientAsync(last); attempt++)
        {
            if (attempt == 100)
            {
                throw new InvalidOperationException($"Dovecot still does not know {last} after it was added to {passwdFile}");
            }

            await Task.Delay(TimeSpan.FromSeconds(0.1));
        }

        foreach (var name in names)
        {
            _unusedMailboxes.Enqueue(new TestMailbox($"{name}@{Domain}", name + PasswordSuffix));
        }
    }

    public MailServerEndpoint Endpoint(int port, bool useTls, TestMailbox? mailbox) => new()
    {
        Host = Host,
        Port = port,
        UseTls = useTls,
        UserName = mailbox?.Address,
        Password = mailbox?.Password,
        Timeout = TimeSpan.FromSeconds(30),
    };

    private static MailStack Load()
    {
        var envFile = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(envFile) || !File.Exists(envFile))
        {
            throw new InvalidOperationException(
                $"{EnvironmentVariable} must name the mailstack.env of a running test mail stack (now: '{envFile}'). " +
                "Start one with /work/shared/mailstack/start-mailstack.sh BASE_DIR OFFSET and set it to BASE_DIR/mailstack.env, " +
                "or run scripts/test.sh, which does both.");
        }

        return new MailStack(envFile, ParseEnvFile(File.ReadAllLines(envFile)));
    }

    /// <summary>KEY=VALUE lines in shell syntax; values may be single- or double-quoted.</summary>
    internal static Dictionary<string, string> ParseEnvFile(IEnumerable<string> lines)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.Select(line => line.Trim()))
        {
            var equals = line.IndexOf('=');
            if (line.Length == 0 || line.StartsWith('#') || equals <= 0)
            {
                continue;
            }

            var value = line[(equals + 1)..];
            if (value.Length >= 2 && (value[0] == '\'' || value[0] == '"') && value[^1] == value[0])
            {
                value = value[1..^1];
            }

            values[line[..equals]] = value;
        }

        return values;
    }
}
