using System.Net;
using System.Net.Sockets;
using FedAvg.LocalHost.Storage;

namespace FedAvg.LocalHost.Tests.Storage;

public sealed class RestartablePortsTests
{
    [Fact]
    public void Picks_three_free_ports_in_a_row_below_the_ephemeral_range()
    {
        int linuxEphemeralStart = int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split('\t', ' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        for (int pick = 0; pick < 20; pick++)
        {
            int blob = RestartablePorts.PickBlobPort();
            Assert.InRange(blob, RestartablePorts.First, RestartablePorts.End - 3);
            Assert.True(blob + 2 < linuxEphemeralStart, $"{blob + 2} is in this machine's ephemeral range (from {linuxEphemeralStart})");

            var listeners = Enumerable.Range(blob, 3).Select(port => new TcpListener(IPAddress.Loopback, port)).ToList();
            try
            {
                listeners.ForEach(listener => listener.Start());
            }
            finally
            {
                listeners.ForEach(listener => listener.Dispose());
            }
        }
    }
}
