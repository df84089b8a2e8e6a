using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace FedAvg.LocalHost.Tests.EndToEnd;

public sealed class RunsCommandTests
{
    private static readonly string[] FinishedRun =
        ["train", "--rounds", "1", "--clients", "2", "--train-limit", "200", "--test-limit", "100", "--local-epochs", "1", "--json"];

    // Stopped while round 1 trains: three clients of 500 images, two epochs each, are still to do.
    private static readonly string[] UnfinishedRun =
        ["train", "--rounds", "3", "--clients", "3", "--clients-per-round", "3", "--train-limit", "1500", "--test-limit", "100", "--local-epochs", "2"];

    [Fact]
    public async Task Runs_lists_finished_and_unfinished_runs_and_a_stopped_run_trains_no_more_in_a_later_engine()
    {
        using var folder = new TempFolder();
        string state = Path.Combine(folder.Path, "state");

        string finishedId;
        await using (var finished = FedavgProcess.StartWithState(folder.Path, state, FinishedRun))
        {
            finishedId = await finished.RunIdAsync(TimeSpan.FromMinutes(1));
            Assert.Equal(0, await finished.WaitForExitAsync(TimeSpan.FromMinutes(3)));
        }

        string unfinishedId;
        await using (var interrupted = FedavgProcess.StartWithState(folder.Path, state, UnfinishedRun))
        {
            unfinishedId = await interrupted.RunIdAsync(TimeSpan.FromMinutes(1));
            await interrupted.WaitForLineAsync(line => line.StartsWith("round 1/3 training", StringComparison.Ordinal), TimeSpan.FromMinutes(2));
            await interrupted.TerminateAsync();
            Assert.Equal(130, await interrupted.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        }

        var listed = await RunsJsonAsync(folder.Path, state);
        Assert.Equal([unfinishedId, finishedId], listed.Select(r => r.GetProperty("id").GetString()));
        Assert.Equal(["Running", "Completed"], listed.Select(r => r.GetProperty("status").GetString()));
        Assert.Equal([true, false], listed.Select(r => r.GetProperty("unfinished").GetBoolean()));
        Assert.Equal(3, listed[0].GetProperty("request").GetProperty("rounds").GetInt32());
        Assert.Equal(1, listed[0].GetProperty("round").GetInt32());
        Assert.Equal(1, listed[1].GetProperty("roundsDone").GetInt32());

        await using (var bench = FedavgProcess.StartWithState(folder.Path, state, "bench", "--config", "reference", "--rounds", "1", "--train-limit", "200", "--test-limit", "100", "--out", "bench-out"))
        {
            Assert.Equal(2, await bench.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            string refusal = Assert.Single(Lines(bench.Stderr));
            Assert.StartsWith("fedavg: 1 unfinished run(s) in ", refusal);
            Assert.EndsWith("fedavg runs --stop-unfinished", refusal);
            Assert.False(Directory.Exists(Path.Combine(folder.Path, "bench-out")));
        }

        await using (var stop = FedavgProcess.StartWithState(folder.Path, state, "runs", "--stop", unfinishedId))
        {
            Assert.Equal(0, await stop.WaitForExitAsync(TimeSpan.FromMinutes(2)));
            Assert.StartsWith($"fedavg: run {unfinishedId} terminated (round 1/3 training", stop.Stdout);
        }

        // Round 1's training is still in the queue after the stop; note what the run has written.
        List<string> blobsAtStop;
        await using (var look = await LocalState.OpenAsync(state))
        {
            Assert.True(await look.QueuedActivitiesAsync() > 0, "the stopped run left no activity queued: nothing would be proved");
            blobsAtStop = await look.RunBlobsAsync(unfinishedId);
        }

        // A later engine takes the queued activities and finishes each at once, writing nothing.
        await using (var serve = FedavgProcess.StartWithState(folder.Path, state, "serve", "--port", FreeTcpPorts.Next().ToString(CultureInfo.InvariantCulture)))
        {
            await serve.WaitForLineAsync(line => line.Contains("serving on", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
            await using (var look = await LocalState.OpenAsync(state))
            {
                await Patience.UntilAsync(async () => await look.QueuedActivitiesAsync() == 0, TimeSpan.FromSeconds(60));
                Assert.Equal(blobsAtStop, await look.RunBlobsAsync(unfinishedId));
            }

            await serve.TerminateAsync();
            Assert.Equal(0, await serve.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            Assert.DoesNotContain("resuming", serve.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Stop_of_an_unknown_id_exits_2_with_one_line_naming_it()
    {
        using var folder = new TempFolder();
        await using var stop = FedavgProcess.Start(folder.Path, "runs", "--stop", "0000no0such0run");

        Assert.Equal(2, await stop.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.StartsWith("fedavg: --stop 0000no0such0run: no such run in ", Assert.Single(Lines(stop.Stderr)));
        Assert.Equal(string.Empty, stop.Stdout);
    }

    [Fact]
    public async Task Fedavg_state_puts_the_local_state_in_the_folder_it_names()
    {
        using var folder = new TempFolder();
        string state = Path.Combine(folder.Path, "elsewhere", "state");
        await using var runs = FedavgProcess.StartWithState(folder.Path, state, "runs");

        Assert.Equal(0, await runs.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.StartsWith("fedavg: no runs in Azurite on ", runs.Stdout, StringComparison.Ordinal);
        Assert.Contains($"({state})", runs.Stdout, StringComparison.Ordinal);
        Assert.NotEmpty(Directory.GetFiles(state, "__azurite_db_*"));
        Assert.False(Directory.Exists(Path.Combine(folder.Path, ".azurite")));
    }

    private static async Task<List<JsonElement>> RunsJsonAsync(string folder, string state)
    {
        await using var runs = FedavgProcess.StartWithState(folder, state, "runs", "--json");
        Assert.Equal(0, await runs.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        using var document = JsonDocument.Parse(runs.Stdout);
        return [.. document.RootElement.EnumerateArray().Select(run => run.Clone())];
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

}
