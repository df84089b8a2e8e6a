using System.Net;
using System.Net.Sockets;

namespace FedAvg.LocalHost.Serve;

/// <summary>Whether a loopback port can be bound, checked before anything slow is started.</summary>
internal static class PortProbe
{
    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
