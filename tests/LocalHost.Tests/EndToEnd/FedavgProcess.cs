using FedAvg.Common.Emulator;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using FedAvg.LocalHost.Storage;

namespace FedAvg.LocalHost.Tests.EndToEnd;

/// <summary>
/// <c>fedavg</c> as a child process in its own working folder, its output lines collected. Disposing
/// kills what is left of it, including an Azurite it orphaned by being killed.
/// </summary>
internal sealed partial class FedavgProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly SemaphoreSlim _lineArrived = new(0);
    private readonly string _stateFolder;

    private FedavgProcess(Process process, string stateFolder)
    {
        _process = process;
        _stateFolder = stateFolder;
    }

    public string Stdout { get; private set; } = string.Empty;

    public string Stderr { get; private set; } = string.Empty;

    public IEnumerable<string> Lines => _lines;

    public int Id => _process.Id;

    public static FedavgProcess Start(string workingDirectory, params string[] args) => Launch(workingDirectory, null, args);

    /// <summary>As <see cref="Start(string, string[])"/>, with FEDAVG_STATE set to <paramref name="stateFolder"/>.</summary>
    public static FedavgProcess StartWithState(string workingDirectory, string stateFolder, params string[] args) =>
        Launch(workingDirectory, stateFolder, args);

    /// <summary>As <see cref="Start(string, string[])"/>, with the start changed last (another executable, the environment).</summary>
    public static FedavgProcess StartWith(string workingDirectory, Action<ProcessStartInfo> configure, params string[] args) =>
        Launch(workingDirectory, null, args, configure);

    private static FedavgProcess Launch(string workingDirectory, string? stateFolder, string[] args, Action<ProcessStartInfo>? configure = null)
    {
        var start = new ProcessStartInfo(RepoPaths.Fedavg)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("AzureWebJobsStorage");
        start.Environment.Remove("DOTNET_PROCESSOR_COUNT");
        start.Environment.Remove(LocalStorage.StateVariable);
        if (stateFolder is not null)
        {
            start.Environment[LocalStorage.StateVariable] = stateFolder;
        }

        start.Environment["FEDAVG_DATA"] = RepoPaths.CifarData;
        start.Environment["FEDAVG_AZURITE"] = AzuriteServer.LocateExecutable();
        configure?.Invoke(start);

        var process = Process.Start(start) ?? throw new InvalidOperationException("fedavg did not start");
        var child = new FedavgProcess(process, Path.GetFullPath(stateFolder ?? LocalStorage.DefaultFolder, workingDirectory));
        var stdout = new System.Text.StringBuilder();
        var stderr = new System.Text.StringBuilder();
        process.OutputDataReceived += Collect(stdout, text => child.Stdout = text);
        process.ErrorDataReceived += Collect(stderr, text => child.Stderr = text);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;

        // Each stream keeps its whole text, and every line also goes to the child's merged log.
        DataReceivedEventHandler Collect(System.Text.StringBuilder buffer, Action<string> publish) => (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (buffer)
            {
                buffer.AppendLine(e.Data);
                publish(buffer.ToString());
            }

            child.Add(e.Data);
        };
    }

    /// <summary>Waits for a line (stdout or stderr) that matches; fails with everything printed so far.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        timeout = Patience.For(timeout);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_lines.FirstOrDefault(match) is { } line)
            {
                return line;
            }

            if (_process.HasExited && !await _lineArrived.WaitAsync(TimeSpan.FromMilliseconds(200)))
            {
                throw new InvalidOperationException($"fedavg exited ({_process.ExitCode}) without the expected line:\n{string.Join('\n', _lines)}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"fedavg did not print the expected line within {timeout}:\n{string.Join('\n', _lines)}");
            }

            await _lineArrived.WaitAsync(TimeSpan.FromMilliseconds(250));
        }
    }

    /// <summary>Waits for the line that names the run (<c>fedavg: run ID ...</c>) and returns the ID.</summary>
    public async Task<string> RunIdAsync(TimeSpan timeout) =>
        RunLine().Match(await WaitForLineAsync(l => RunLine().IsMatch(l), timeout)).Groups["id"].Value;

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        timeout = Patience.For(timeout);
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"fedavg did not exit within {timeout}:\n{string.Join('\n', _lines)}");
        }

        return _process.ExitCode;
    }

    /// <summary>What a crash looks like: SIGKILL to fedavg alone; its Azurite child lives on, orphaned.</summary>
    public void Crash() => _process.Kill(entireProcessTree: false);

    /// <summary>What Ctrl+C or a service manager does: SIGTERM, a graceful stop.</summary>
    public Task TerminateAsync() => SignalAsync("TERM");

    /// <summary>Sends fedavg alone the signal named as kill(1) names it (TERM, STOP, CONT).</summary>
    public Task SignalAsync(string signal) => SignalAsync(signal, _process.Id);

    /// <summary>Sends any process (an Azurite, say) the signal named as kill(1) names it.</summary>
    public static async Task SignalAsync(string signal, int pid)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        foreach (int orphan in AzuriteProcesses.FindServing(_stateFolder))
        {
            await AzuriteProcesses.TerminateAsync(orphan, TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
        _lineArrived.Dispose();
    }

    private void Add(string line)
    {
        _lines.Enqueue(line);
        _lineArrived.Release();
    }

    [GeneratedRegex(@"^fedavg: run (?<id>[0-9a-f]{32}) ")]
    private static partial Regex RunLine();
}
