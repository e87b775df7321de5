using System.Net;
using System.Net.Sockets;

namespace ServerSync.Connectors.Tests.Infrastructure;

internal static class UnusedPort
{
    /// <summary>A loopback port nothing listens on: the system hands out a free one, which is released at once.</summary>
    public static int Find()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
