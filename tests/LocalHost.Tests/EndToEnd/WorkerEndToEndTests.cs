using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace FedAvg.LocalHost.Tests.EndToEnd;

/// <summary>
/// Scale-out on one machine: two <c>fedavg worker</c> processes beside a <c>fedavg serve</c> share one run's
/// activities; one worker is killed mid-round, and the run still ends on the model a single process trains.
/// </summary>
public sealed partial class WorkerEndToEndTests
{
    private const int Rounds = 3;

    private static readonly string[] Flags =
        ["--rounds", "3", "--clients", "6", "--clients-per-round", "6", "--train-limit", "1200", "--test-limit", "200", "--local-epochs", "1", "--seed", "11"];

    private static readonly object Request = new { rounds = Rounds, clients = 6, clientsPerRound = 6, trainLimit = 1200, testLimit = 200, localEpochs = 1, seed = 11 };

    [Fact]
    public async Task Two_workers_share_a_served_run_and_one_killed_mid_round_leaves_the_final_model_bit_identical()
    {
        byte[] expected = await SingleProcessModelAsync();

        await using var serve = await ServeProcess.StartAsync();
        var folder = serve.Folder;
        await using var doomed = FedavgProcess.Start(folder.Path, "worker");
        await using var survivor = FedavgProcess.Start(folder.Path, "worker");
        foreach (var worker in new[] { doomed, survivor })
        {
            await worker.WaitForLineAsync(line => line.StartsWith("fedavg worker: running activities", StringComparison.Ordinal), TimeSpan.FromSeconds(90));
        }

        var http = serve.Http;
        using var accepted = await http.PostAsJsonAsync("/api/train", Request);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        string id = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        // Mid-round: the doomed worker is frozen (SIGSTOP) as soon as it says it started a client of round 2 or
        // later, and killed if that client's "done" line had not come by then. A client this small can finish
        // before the signal lands; then the worker goes on (SIGCONT) and its next client is tried.
        var tried = new HashSet<string>(StringComparer.Ordinal);
        string? client = null;
        while (client is null)
        {
            string started = await doomed.WaitForLineAsync(line => !tried.Contains(line) && LaterRoundStart(line, id), TimeSpan.FromMinutes(4));
            tried.Add(started);
            await doomed.SignalAsync("STOP");
            string candidate = started[..^" started".Length];

            // A frozen process writes nothing more; what it wrote before the signal is read within this wait.
            await Task.Delay(TimeSpan.FromSeconds(3));
            if (doomed.Lines.Any(line => line.StartsWith(candidate + " done", StringComparison.Ordinal)))
            {
                await doomed.SignalAsync("CONT");
            }
            else
            {
                client = candidate;
            }
        }

        doomed.Crash();
        await doomed.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.DoesNotContain(doomed.Lines, line => line.StartsWith(client + " done", StringComparison.Ordinal));

        JsonElement run = await serve.WaitForRunAsync(id, TimeSpan.FromMinutes(5));
        Assert.Equal("Completed", run.GetProperty("runtimeStatus").GetString());

        // Both workers ran activities of this run; the client cut off by the kill was trained again elsewhere.
        Assert.Contains(doomed.Lines, line => ActivityLine().Match(line) is { Success: true } m && m.Groups["run"].Value == id);
        Assert.Contains(survivor.Lines, line => ActivityLine().Match(line) is { Success: true } m && m.Groups["run"].Value == id && line.Contains(" done in ", StringComparison.Ordinal));

        await survivor.TerminateAsync();
        Assert.Equal(0, await survivor.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(0, await serve.StopAsync());

        // The completed run's artifacts, model included, as fedavg train writes them.
        await using (var report = FedavgProcess.Start(folder.Path, "train", "--resume", id, "--json"))
        {
            Assert.Equal(0, await report.WaitForExitAsync(TimeSpan.FromMinutes(2)));
        }

        byte[] actual = await File.ReadAllBytesAsync(RunArtifacts.ModelFile(folder.Path, id));
        RunArtifacts.AssertSameModel(expected, actual);
    }

    private static async Task<byte[]> SingleProcessModelAsync()
    {
        using var folder = new TempFolder();
        await using var train = FedavgProcess.Start(folder.Path, ["train", .. Flags, "--json"]);
        Assert.Equal(0, await train.WaitForExitAsync(TimeSpan.FromMinutes(4)));
        string id = JsonDocument.Parse(train.Stdout).RootElement.GetProperty("runId").GetString()!;
        return await File.ReadAllBytesAsync(RunArtifacts.ModelFile(folder.Path, id));
    }

    private static bool LaterRoundStart(string line, string run) =>
        line.StartsWith($"fedavg worker: TrainClient run {run} round ", StringComparison.Ordinal)
        && line.EndsWith(" started", StringComparison.Ordinal)
        && !line.Contains(" round 1 ", StringComparison.Ordinal);

    [GeneratedRegex(@"^fedavg worker: \w+ run (?<run>[0-9a-f]{32})\b")]
    private static partial Regex ActivityLine();
}
