using Azure.Storage.Blobs;
using FedAvg.Common.Emulator;
using FedAvg.LocalHost.Storage;
using FedAvg.LocalHost.Tests.EndToEnd;

namespace FedAvg.LocalHost.Tests.Storage;

/// <summary>The restart budget and the stops that are not outages, on an in-memory Azurite (no state to keep).</summary>
public sealed class AzuriteSupervisorTests
{
    [Fact]
    public async Task Azurite_killed_again_after_every_restart_is_lost_once_the_restarts_are_spent()
    {
        var log = new StringWriter();

        // Ports below the ephemeral range: a port 0 chose could be taken by an outgoing connection while Azurite is
        // down, and the restart, which must reuse it, would then fail (fedavg then stops in one line, as designed).
        AzuriteServer first = await AzuriteServer.StartAsync(location: null, FreeTcpPorts.Next(), FreeTcpPorts.Next(), FreeTcpPorts.Next());
        await using var supervisor = new AzuriteSupervisor(first, "memory", TextWriter.Synchronized(log), CancellationToken.None);
        int pid = first.ProcessId;
        for (int restart = 1; restart <= AzuriteSupervisor.MaxRestarts; restart++)
        {
            await StorageFailureTests.KillAsync(pid);
            await AfterOutageAsync(supervisor, restart);
            Assert.True(
                await supervisor.ServingAsync().WaitAsync(Patience.For(TimeSpan.FromMinutes(1))),
                supervisor.Lost.IsCompleted ? await supervisor.Lost : "not serving, not lost");
            Assert.NotEqual(pid, supervisor.ProcessId);
            pid = supervisor.ProcessId;
            Assert.False(supervisor.Lost.IsCompleted);

            // On the same port: a client holding the first connection string is answered.
            await new BlobServiceClient(supervisor.ConnectionString).GetBlobContainerClient($"after-{restart}").CreateAsync();
        }

        await StorageFailureTests.KillAsync(pid);
        string reason = await supervisor.Lost.WaitAsync(Patience.For(TimeSpan.FromMinutes(1)));
        Assert.Equal($"storage stopped: Azurite (pid {pid}) serving memory exited again after {AzuriteSupervisor.MaxRestarts} restarts", reason);
        Assert.False(await supervisor.ServingAsync());
        string[] lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(AzuriteSupervisor.MaxRestarts, lines.Length);
        Assert.All(lines, line => Assert.StartsWith($"fedavg: storage: Azurite exited; restarted on 127.0.0.1:{supervisor.BlobPort} ", line));
    }

    [Fact]
    public async Task Azurite_that_exits_after_the_stop_was_asked_for_is_not_restarted()
    {
        var log = new StringWriter();
        using var stop = new CancellationTokenSource();
        AzuriteServer first = await AzuriteServer.StartAsync(location: null);
        await using var supervisor = new AzuriteSupervisor(first, "memory", TextWriter.Synchronized(log), stop.Token);
        await stop.CancelAsync();
        await StorageFailureTests.KillAsync(first.ProcessId);
        await first.Exited;

        // Settled either way: seen as a stop (not serving, nothing to wait for) or as an outage.
        using var patience = new CancellationTokenSource(Patience.For(TimeSpan.FromMinutes(1)));
        while (supervisor.Outages == 0 && supervisor.ServingAsync() is not { IsCompleted: true, Result: false })
        {
            await Task.Delay(50, patience.Token);
        }

        Assert.Equal(0, supervisor.Outages);
        Assert.False(await supervisor.ServingAsync());
        Assert.False(supervisor.Lost.IsCompleted);
        Assert.Empty(log.ToString());
    }

    // The outage is counted a moment after the exit; the restart follows.
    private static async Task AfterOutageAsync(AzuriteSupervisor supervisor, int outages)
    {
        using var patience = new CancellationTokenSource(Patience.For(TimeSpan.FromMinutes(1)));
        while (supervisor.Outages < outages)
        {
            await Task.Delay(50, patience.Token);
        }
    }
}
