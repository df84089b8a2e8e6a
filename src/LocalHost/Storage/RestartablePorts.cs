using FedAvg.LocalHost.Serve;

namespace FedAvg.LocalHost.Storage;

/// <summary>
/// Ports for an Azurite that may have to be started again on the same ports (<see cref="AzuriteSupervisor"/>). Port 0
/// hands out one from the ephemeral range (Linux 32768-60999, Windows and macOS 49152-65535), where every outgoing
/// connection takes its local port too: while Azurite is down, one of them (even a client's retry, connected to
/// itself) can take the port, and the restart fails. These come from below every such range, where only listeners bind.
/// </summary>
internal static class RestartablePorts
{
    public const int First = 20000;

    /// <summary>Exclusive: the lowest ephemeral port of any common system is 32768.</summary>
    public const int End = 32768;

    private const int Picks = 100;

    /// <summary>Three consecutive ports free now. Another process can still bind one before Azurite does: the caller tries again.</summary>
    public static int PickBlobPort()
    {
        for (int pick = 0; pick < Picks; pick++)
        {
            int blob = Random.Shared.Next(First, End - 2);
            if (PortProbe.IsFree(blob) && PortProbe.IsFree(blob + 1) && PortProbe.IsFree(blob + 2))
            {
                return blob;
            }
        }

        throw new InvalidOperationException($"no three free ports in a row between {First} and {End} on 127.0.0.1 after {Picks} tries");
    }
}
