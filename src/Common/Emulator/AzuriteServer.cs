using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace FedAvg.Common.Emulator;

/// <summary>
/// The Azurite storage emulator (the npm package pinned in package.json) as a child process on
/// 127.0.0.1, for the local host and the tests. Disposing stops it.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
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
    /// <param name="blobPort">0 picks a free port; likewise for the queue and table ports.</param>
    public static async Task<AzuriteServer> StartAsync(
        string? location,
        int blobPort = 0,
        int queuePort = 0,
        int tablePort = 0,
        CancellationToken cancellationToken = default)
    {
        string executable = LocateExecutable();
        blobPort = blobPort == 0 ? FreeTcpPorts.Next() : blobPort;
        queuePort = queuePort == 0 ? FreeTcpPorts.Next() : queuePort;
        tablePort = tablePort == 0 ? FreeTcpPorts.Next() : tablePort;

        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[]
        {
            "--silent", "--disableTelemetry", "--skipApiVersionCheck", "--loose",
            "--blobHost", "127.0.0.1", "--blobPort", blobPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", queuePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", tablePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
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
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new AzuriteServer(process, blobPort, queuePort, tablePort);
        // Node takes its time on a busy machine (a shared 2-core box starts it in ~1 s idle, 30+ s loaded).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (!(await IsListeningAsync(blobPort).ConfigureAwait(false)
            && await IsListeningAsync(queuePort).ConfigureAwait(false)
            && await IsListeningAsync(tablePort).ConfigureAwait(false)))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await server.DisposeAsync().ConfigureAwait(false);
                string log;
                lock (output) { log = output.ToString().Trim(); }
                throw new InvalidOperationException($"Azurite did not start on 127.0.0.1:{blobPort}: {(log.Length > 0 ? log : "no output")}");
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        return server;
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

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    private static async Task<bool> IsListeningAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
