using System.Net;
using System.Net.Sockets;

namespace FedAvg.LocalHost.Tests;

/// <summary>
/// Free TCP ports for the servers the tests start (fedavg serve, an in-process dashboard). Port 0 would hand
/// out a port in Linux's ephemeral range (32768-60999), where every process's outgoing connections take their
/// local ports too, so it could be taken before the server binds it: tests failed that way with "address
/// already in use". These come from below that range, where only these listeners take ports: Azurite binds
/// its own port 0, and only this test process hands these out, each at most once, checked free when handed
/// out.
/// </summary>
public static class FreeTcpPorts
{
    private const int First = 20000;
    private const int Count = 12000;

    private static int _handedOut;

    /// <param name="address">Where the server will listen; null is loopback.</param>
    public static int Next(IPAddress? address = null)
    {
        address ??= IPAddress.Loopback;
        for (int attempt = 0; attempt < Count; attempt++)
        {
            int port = First + (int)((uint)Interlocked.Increment(ref _handedOut) % Count);
            try
            {
                using var probe = new TcpListener(address, port);
                probe.Start();
                return port;
            }
            catch (SocketException)
            {
                // Another listener has it: try the next.
            }
        }

        // All 12,000 taken: the kernel's choice, race and all, beats no port.
        using var listener = new TcpListener(address, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
