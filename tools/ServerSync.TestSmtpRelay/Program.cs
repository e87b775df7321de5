// Test-only SMTP relay for ServerSync's mail stack (scripts/mailstack-start.sh starts it).
//
//   ServerSync.TestSmtpRelay --port N --lmtp-port M --outbox DIR [--local-domains a.test,b.test]
//
// Listens on 127.0.0.1:N without AUTH. Every message is written to DIR (<id>.eml + <id>.envelope);
// recipients of a local domain are delivered to Dovecot over LMTP (127.0.0.1:M); nothing ever leaves
// the machine. Runs until SIGTERM/SIGINT.
using System.Net;
using System.Runtime.InteropServices;
using ServerSync.TestSmtpRelay;
using SmtpServer;

RelayOptions options;
try
{
    options = RelayOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    Console.Error.WriteLine(RelayOptions.Usage);
    return 2;
}

var serverOptions = new SmtpServerOptionsBuilder()
    .ServerName("serversync-test-relay")
    // Loopback only: this relay accepts anything from anyone, so it must never be reachable from outside.
    .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, options.Port)).IsSecure(false))
    .Build();
var services = new SmtpServer.ComponentModel.ServiceProvider();
services.Add(new RelayMessageStore(
    new Outbox(options.OutboxDirectory),
    new LmtpClient(new IPEndPoint(IPAddress.Loopback, options.LmtpPort)),
    options.LocalDomains));

using var stop = new CancellationTokenSource();
// Handle the signals ourselves so the process exits 0 and the log ends cleanly on mailstack-stop.sh.
using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });

Console.WriteLine($"relay listening on 127.0.0.1:{options.Port}; LMTP 127.0.0.1:{options.LmtpPort}; " +
                  $"local domains [{string.Join(", ", options.LocalDomains)}]; outbox {options.OutboxDirectory}");
try
{
    await new SmtpServer.SmtpServer(serverOptions, services).StartAsync(stop.Token);
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
}
Console.WriteLine("relay stopped");
return 0;
