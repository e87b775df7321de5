using System.Text;
using ServerSync.Connectors.Connections;

namespace ServerSync.Connectors.Tests;

public sealed class LastServerReplyLoggerTests
{
    [Fact]
    public void Keeps_the_last_line_across_reads_and_after_a_long_body()
    {
        var logger = new LastServerReplyLogger();
        Assert.Null(logger.LastLine);

        Log(logger, "* OK [CAPABILITY IMAP4rev1] ready\r\n");
        Log(logger, new string('x', 5000) + "\r\n");
        Log(logger, "A00000003 NO [UNA");
        Log(logger, "VAILABLE] Temporary failure\r\n");

        Assert.Equal("A00000003 NO [UNAVAILABLE] Temporary failure", logger.LastLine);
    }

    private static void Log(LastServerReplyLogger logger, string text)
    {
        var bytes = Encoding.ASCII.GetBytes("..." + text);
        logger.LogServer(bytes, 3, bytes.Length - 3);
    }
}
