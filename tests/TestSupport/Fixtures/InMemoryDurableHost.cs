using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Testing;

namespace FedAvg.Common.Tests.Fixtures;

/// <summary>
/// <see cref="DurableTaskTestHost"/> on a port chosen so that starting it cannot fail. Left to itself it takes
/// a random port in 30000-40000 unchecked, and most of that range is Linux's ephemeral range (32768-60999),
/// where any outgoing connection, such as this process's to Azurite, may already hold it: CI failed with
/// "address already in use" on 32780. These ports come from below that range, are probed free first, and a
/// bind that still loses a race is retried on another.
/// </summary>
public static class InMemoryDurableHost
{
    // Below FreeTcpPorts' range (20000-31999), so the servers a test starts and these hosts never pick alike, and
    // above Azurite's default ports (10000-10002), which fedavg takes for its default folder.
    private const int First = 11000;
    private const int Count = 9000;
    private const int Attempts = 20;

    public static async Task<DurableTaskTestHost> StartAsync(Action<DurableTaskRegistry> registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        for (int attempt = 1; ; attempt++)
        {
            int port = First + Random.Shared.Next(Count);
            if (!IsFree(port) && attempt < Attempts)
            {
                continue;
            }

            try
            {
                return await DurableTaskTestHost.StartAsync(registry, new DurableTaskTestHostOptions { Port = port });
            }
            catch (IOException e) when (e.InnerException is AddressInUseException && attempt < Attempts)
            {
                // Taken between the probe and the bind: another port.
            }
        }
    }

    // The host listens on "localhost", which is both loopback addresses.
    private static bool IsFree(int port) =>
        IsFree(IPAddress.Loopback, port) && (!Socket.OSSupportsIPv6 || IsFree(IPAddress.IPv6Loopback, port));

    private static bool IsFree(IPAddress address, int port)
    {
        try
        {
            using var probe = new TcpListener(address, port);
            probe.Start();
            return true;
        }
        catch (SocketException e)
        {
            // Only a taken port counts; an address the machine lacks (no IPv6) is Kestrel's to skip.
            return e.SocketErrorCode != SocketError.AddressAlreadyInUse;
        }
    }
}
