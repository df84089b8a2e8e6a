using System.Net;
using System.Net.Sockets;

namespace FedAvg.LocalHost.Tests.EndToEnd;

/// <summary>
/// Ports for the servers the tests start. A port the kernel hands out for port 0 lies in Linux's ephemeral
/// range (32768-60999), where any process's outgoing connections also take their local ports, so it can be
/// taken again before the server binds it: this once failed a test with "address already in use". These
/// come from below that range, each at most once per test process, and are checked free when handed out.
/// </summary>
internal static class TestPorts
{
    private const int First = 20000;
    private const int Count = 12000;

    private static int _handedOut = Environment.ProcessId % Count;

    public static int Next()
    {
        for (int attempt = 0; attempt < Count; attempt++)
        {
            int port = First + (int)((uint)Interlocked.Increment(ref _handedOut) % Count);
            try
            {
                using var probe = new TcpListener(IPAddress.Loopback, port);
                probe.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken by another listener: try the next.
            }
        }

        throw new InvalidOperationException($"No free port in {First}-{First + Count - 1}.");
    }
}
