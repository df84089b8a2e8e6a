using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace FedAvg.LocalHost.Tests.EndToEnd;

/// <summary><c>fedavg serve</c> on a free loopback port in its own folder, with a client for its API.</summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    private ServeProcess(TempFolder folder, FedavgProcess process, int port)
    {
        Folder = folder;
        Process = process;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public TempFolder Folder { get; }

    public FedavgProcess Process { get; }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    /// <summary>The state folder fedavg uses when FEDAVG_STATE is not set.</summary>
    public string StateFolder => Path.Combine(Folder.Path, ".azurite");

    public static async Task<ServeProcess> StartAsync()
    {
        var folder = new TempFolder();
        int port = FreeTcpPorts.Next();
        var process = FedavgProcess.Start(folder.Path, "serve", "--port", port.ToString(CultureInfo.InvariantCulture));
        var serve = new ServeProcess(folder, process, port);
        try
        {
            await process.WaitForLineAsync(line => line.Contains("serving on", StringComparison.Ordinal), TimeSpan.FromSeconds(90));
            return serve;
        }
        catch
        {
            await serve.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops it as Ctrl+C would and returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        await Process.TerminateAsync();
        return await Process.WaitForExitAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>Polls <c>GET /api/runs/{id}</c> until the run has finished or <paramref name="timeout"/> has passed, and returns what it said last.</summary>
    public async Task<System.Text.Json.JsonElement> WaitForRunAsync(string id, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + Patience.For(timeout);
        while (true)
        {
            var run = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(Http, $"/api/runs/{id}");
            if (run.GetProperty("runtimeStatus").GetString() is "Completed" or "Failed" or "Terminated" || DateTime.UtcNow > deadline)
            {
                return run;
            }

            await Task.Delay(500);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Process.DisposeAsync();
        Folder.Dispose();
    }
}
