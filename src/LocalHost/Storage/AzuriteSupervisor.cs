using System.ComponentModel;
using FedAvg.Common.Emulator;

namespace FedAvg.LocalHost.Storage;

/// <summary>
/// Keeps the Azurite this process owns serving: when it exits without being asked to (killed, crashed),
/// it is started again on the same folder and the same ports, because the durable engine and every
/// client already hold connection strings naming those ports. A restart that fails (the port was taken
/// meanwhile, the emulator is gone) or one past <see cref="MaxRestarts"/> gives up: <see cref="Lost"/>
/// then completes with a one-line reason.
/// </summary>
internal sealed class AzuriteSupervisor : IAsyncDisposable
{
    /// <summary>Restarts in one process's life: a storage that keeps dying is a fault to report, not to hide.</summary>
    public const int MaxRestarts = 3;

    // Ctrl+C signals the terminal's whole process group, Azurite too; the command's token is cancelled
    // within this of the signal, so an exit that follows it is told apart from a crash.
    private static readonly TimeSpan StopNoticed = TimeSpan.FromSeconds(1);

    private readonly string _folder;
    private readonly TextWriter _log;
    private readonly CancellationToken _stopRequested;
    private readonly CancellationTokenSource _disposing = new();
    private readonly TaskCompletionSource<string> _lost = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _watching;
    private volatile AzuriteServer _current;
    private volatile TaskCompletionSource<bool> _serving = Serving(true);
    private int _outages;

    /// <param name="first">The Azurite started with the folder; its ports are the ones every restart binds.</param>
    /// <param name="log">Told one line per restart.</param>
    /// <param name="stopRequested">Cancelled when the user stops the command: an Azurite exit after it is a stop.</param>
    public AzuriteSupervisor(AzuriteServer first, string folder, TextWriter log, CancellationToken stopRequested)
    {
        ArgumentNullException.ThrowIfNull(first);
        _current = first;
        _folder = folder;
        _stopRequested = stopRequested;
        _log = log;
        BlobPort = first.BlobPort;
        QueuePort = first.QueuePort;
        TablePort = first.TablePort;
        ConnectionString = first.ConnectionString;
        _watching = WatchAsync();
    }

    public int BlobPort { get; }

    /// <summary>The Azurite serving now (or the last one, once lost).</summary>
    public int ProcessId => _current.ProcessId;

    public int QueuePort { get; }

    public int TablePort { get; }

    /// <summary>The same for every Azurite this supervises: the ports do not change.</summary>
    public string ConnectionString { get; }

    /// <summary>Completes with a one-line reason when Azurite has exited and is not coming back.</summary>
    public Task<string> Lost => _lost.Task;

    /// <summary>How often Azurite has exited unexpectedly so far (restarted or not).</summary>
    public int Outages => Volatile.Read(ref _outages);

    /// <summary>True once Azurite serves (at once when it does now), false once it is lost or being disposed.</summary>
    public Task<bool> ServingAsync() => _serving.Task;

    /// <summary>From now on an exit is a stop: the owner is about to stop Azurite itself.</summary>
    public async Task StopRestartingAsync()
    {
        await _disposing.CancelAsync();
        await _watching;
    }

    public async ValueTask DisposeAsync()
    {
        await StopRestartingAsync();
        await _current.DisposeAsync();
        _disposing.Dispose();
    }

    /// <param name="now">Whether it serves, or null until a restart decides.</param>
    private static TaskCompletionSource<bool> Serving(bool? now)
    {
        var serving = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (now is { } known)
        {
            serving.SetResult(known);
        }

        return serving;
    }

    private async Task WatchAsync()
    {
        var stopping = Task.Delay(Timeout.Infinite, _disposing.Token);
        int restarts = 0;
        while (true)
        {
            AzuriteServer exited = _current;
            await Task.WhenAny(exited.Exited, stopping).ConfigureAwait(false);
            if (!await ExitedUnaskedAsync(stopping).ConfigureAwait(false))
            {
                _serving = Serving(false);
                return;
            }

            // Not serving before counted: whoever sees the outage counted waits for the restart.
            var serving = Serving(null);
            _serving = serving;
            Interlocked.Increment(ref _outages);
            string gone = $"storage stopped: Azurite (pid {exited.ProcessId}) serving {_folder} exited";
            if (restarts == MaxRestarts)
            {
                Lose(serving, $"{gone} again after {MaxRestarts} restarts");
                return;
            }

            try
            {
                _current = await AzuriteServer.StartAsync(_folder, BlobPort, QueuePort, TablePort, _disposing.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_disposing.IsCancellationRequested)
            {
                serving.TrySetResult(false);
                return;
            }
            catch (Exception e) when (e is InvalidOperationException or FileNotFoundException or Win32Exception)
            {
                // One line: Azurite's log after the first line (a taken port's stack) is no use to the user.
                Lose(serving, $"{gone} and did not restart: {e.Message.Split('\n', 2)[0].Trim().TrimEnd('.')}");
                return;
            }

            await exited.DisposeAsync().ConfigureAwait(false);
            restarts++;
            await _log.WriteLineAsync($"fedavg: storage: Azurite exited; restarted on 127.0.0.1:{BlobPort} (pid {_current.ProcessId}, restart {restarts} of {MaxRestarts})").ConfigureAwait(false);
            serving.TrySetResult(true);
        }
    }

    // Whether Azurite went away on its own, as opposed to this process or the user stopping it.
    private async Task<bool> ExitedUnaskedAsync(Task stopping)
    {
        if (_disposing.IsCancellationRequested || _stopRequested.IsCancellationRequested)
        {
            return false;
        }

        await Task.WhenAny(Task.Delay(StopNoticed, CancellationToken.None), stopping).ConfigureAwait(false);
        return !_disposing.IsCancellationRequested && !_stopRequested.IsCancellationRequested;
    }

    private void Lose(TaskCompletionSource<bool> serving, string reason)
    {
        _lost.TrySetResult(reason);
        serving.TrySetResult(false);
    }
}
