using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace FedAvg.Common.Emulator;

/// <summary>
/// The Azurite storage emulator (the npm package pinned in package.json) as a child process on
/// 127.0.0.1, for the local host and the tests. Disposing stops it.
/// </summary>
public sealed partial class AzuriteServer : IAsyncDisposable
{
    // The documented, public development-storage key: Azurite accepts only this account.
    private const string DevAccount = "devstoreaccount1";
    private const string DevKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;

    private AzuriteServer(Process process, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        ProcessId = process.Id;
        Exited = process.WaitForExitAsync();
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }

    public int ProcessId { get; }

    /// <summary>Completes when the Azurite process has exited, whether stopped here or not.</summary>
    public Task Exited { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={DevAccount};AccountKey={DevKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{DevAccount};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{DevAccount};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{DevAccount};";

    /// <summary>Starts Azurite with its data under <paramref name="location"/> (null: in memory only).</summary>
    /// <param name="location">Folder for Azurite's state; null keeps everything in memory.</param>
    /// <param name="blobPort">0 lets Azurite bind a free port; likewise for the queue and table ports.</param>
    public static async Task<AzuriteServer> StartAsync(
        string? location,
        int blobPort = 0,
        int queuePort = 0,
        int tablePort = 0,
        CancellationToken cancellationToken = default)
    {
        string executable = LocateExecutable();
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[]
        {
            "--silent", "--disableTelemetry", "--skipApiVersionCheck", "--loose",
            "--blobHost", "127.0.0.1", "--blobPort", blobPort.ToString(CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", queuePort.ToString(CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", tablePort.ToString(CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }

        if (location is null)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            Directory.CreateDirectory(location);
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(location);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start Azurite ({executable}).");
        var output = new StringBuilder();
        var listening = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var allListening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output) { output.AppendLine(line); }

            // Port 0 lets Azurite's own bind pick the port, so no other process can take it between a
            // choice and the bind; the line it prints then is the only place the port is known.
            if (ListeningLine().Match(line) is { Success: true } m
                && listening.TryAdd(m.Groups["service"].Value, int.Parse(m.Groups["port"].Value, CultureInfo.InvariantCulture))
                && listening.Count == 3)
            {
                allListening.TrySetResult();
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // Node takes its time on a busy machine (a shared 2-core box starts it in ~1 s idle, 30+ s loaded).
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));
        Task exited = process.WaitForExitAsync(CancellationToken.None);
        try
        {
            await Task.WhenAny(allListening.Task, exited).WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Timed out: reported below with whatever Azurite printed.
        }
        catch (OperationCanceledException)
        {
            await StopAsync(process).ConfigureAwait(false);
            throw;
        }

        if (!allListening.Task.IsCompleted)
        {
            await StopAsync(process).ConfigureAwait(false);
            string log;
            lock (output) { log = output.ToString().Trim(); }
            string where = blobPort == 0 ? "127.0.0.1" : $"127.0.0.1:{blobPort}";
            throw new InvalidOperationException($"Azurite did not start on {where}: {(log.Length > 0 ? log : "no output")}");
        }

        return new AzuriteServer(process, listening["Blob"], listening["Queue"], listening["Table"]);
    }

    /// <summary>Finds the pinned Azurite: FEDAVG_AZURITE, else node_modules/.bin/azurite above the app or the working folder.</summary>
    public static string LocateExecutable()
    {
        string? configured = Environment.GetEnvironmentVariable("FEDAVG_AZURITE");
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured) ? configured : throw new FileNotFoundException($"FEDAVG_AZURITE points to {configured}, which does not exist.");
        }

        foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "node_modules", ".bin", "azurite");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException(
            "Azurite is not installed: run 'npm ci' in the repository (make does it), set FEDAVG_AZURITE, or set AzureWebJobsStorage to a storage account.");
    }

    public async ValueTask DisposeAsync() => await StopAsync(_process).ConfigureAwait(false);

    private static async Task StopAsync(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        process.Dispose();
    }

    [GeneratedRegex(@"^Azurite (?<service>Blob|Queue|Table) service is successfully listening at http://[^:]+:(?<port>\d+)")]
    private static partial Regex ListeningLine();
}
