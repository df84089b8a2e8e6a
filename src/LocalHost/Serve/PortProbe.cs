using System.Net;
using System.Net.Sockets;

namespace FedAvg.LocalHost.Serve;

/// <summary>Whether a port can be bound (on loopback unless another address is given), checked before anything slow is started.</summary>
internal static class PortProbe
{
    public static bool IsFree(int port) => IsFree(IPAddress.Loopback, port);

    public static bool IsFree(IPAddress address, int port)
    {
        try
        {
            using var listener = new TcpListener(address, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
