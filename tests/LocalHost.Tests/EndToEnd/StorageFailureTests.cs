using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using FedAvg.LocalHost.Storage;

namespace FedAvg.LocalHost.Tests.EndToEnd;

/// <summary>
/// When the storage emulator is missing, or dies during a run, fedavg says so in one line, without a stack trace; when it
/// stops answering for a while, the run waits for it. Either way the run ends in the model it would have had.
/// </summary>
[Collection(nameof(TrainRequestTests))]
public sealed partial class StorageFailureTests(UninterruptedLongRound uninterrupted) : IClassFixture<UninterruptedLongRound>
{
    private static readonly string[] LongRound = UninterruptedLongRound.Run;

    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Without_azurite_installed_fedavg_prints_one_line_and_no_stack_trace()
    {
        // A fresh clone: fedavg's build output away from the repository, so no node_modules/.bin/azurite above it.
        using var folder = new TempFolder();
        string copy = Path.Combine(folder.Path, "bin");
        using (var link = Process.Start("cp", ["-al", Path.GetDirectoryName(RepoPaths.Fedavg)!, copy]))
        {
            await link.WaitForExitAsync();
            Assert.Equal(0, link.ExitCode);
        }

        await using var train = FedavgProcess.StartWith(folder.Path, start =>
        {
            start.FileName = Path.Combine(copy, Path.GetFileName(RepoPaths.Fedavg));
            start.Environment.Remove("FEDAVG_AZURITE");
        }, "train", "--rounds", "1");

        Assert.Equal(1, await train.WaitForExitAsync(TimeSpan.FromMinutes(1)));
        string line = Assert.Single(Lines(train.Stderr));
        Assert.StartsWith("fedavg: Azurite is not installed: run 'npm ci' in the repository", line);
        AssertNoStackTrace(train);
    }

    [Fact]
    public async Task When_azurite_is_killed_during_a_run_fedavg_says_so_in_one_line_and_the_resume_command_it_prints_completes_the_run_to_the_uninterrupted_model()
    {
        using var folder = new TempFolder();
        string state = Path.GetFullPath(Path.Combine(folder.Path, LocalStorage.DefaultFolder));
        string id;
        string resume;
        await using (var train = FedavgProcess.Start(folder.Path, LongRound))
        {
            id = await train.RunIdAsync(TimeSpan.FromMinutes(2));
            await train.WaitForLineAsync(l => l.StartsWith("round 1/1 training", StringComparison.Ordinal), TimeSpan.FromMinutes(5));
            await UntilSavedAsync(state);
            int azurite = Assert.Single(AzuriteProcesses.FindServing(state));
            await FedavgProcess.SignalAsync("KILL", azurite);

            Assert.Equal(1, await train.WaitForExitAsync(TimeSpan.FromMinutes(2)));
            string line = Assert.Single(Lines(train.Stderr));
            Assert.StartsWith($"fedavg: storage stopped: Azurite (pid {azurite}) serving {state} exited; run {id} is saved", line);
            AssertNoStackTrace(train);
            resume = ResumeCommand().Match(line).Groups["command"].Value;
            Assert.Equal($"fedavg train --resume {id}", resume);
        }

        await using var resumed = FedavgProcess.Start(folder.Path, resume.Split(' ')[1..]);
        int code = await resumed.WaitForExitAsync(TimeSpan.FromMinutes(10));
        Assert.True(code == 0, $"exit {code}: {resumed.Stdout}{resumed.Stderr}");
        Assert.True(File.Exists(Path.Combine(folder.Path, "runs", id, "report.json")), resumed.Stdout + resumed.Stderr);
        Assert.Contains("round 1/1 done", resumed.Stdout, StringComparison.Ordinal);

        // Storage brought back by the resume holds what the run had saved, and the round cut off trains again from it.
        await AssertUninterruptedModelAsync(folder, id);
    }

    [Fact]
    public async Task When_azurite_stops_answering_for_30_s_mid_round_the_run_waits_for_it_and_ends_in_the_uninterrupted_model()
    {
        using var folder = new TempFolder();
        string state = Path.GetFullPath(Path.Combine(folder.Path, LocalStorage.DefaultFolder));
        await using var train = FedavgProcess.Start(folder.Path, LongRound);
        string id = await train.RunIdAsync(TimeSpan.FromMinutes(2));
        await train.WaitForLineAsync(l => l.StartsWith("round 1/1 training", StringComparison.Ordinal), TimeSpan.FromMinutes(5));
        int azurite = Assert.Single(AzuriteProcesses.FindServing(state));

        // Frozen, not dead: connections are accepted and nothing answers, as with a storage account that is unreachable
        // for a while; every request of the engine and the activities waits or retries until it answers again.
        var outage = Stopwatch.StartNew();
        await FedavgProcess.SignalAsync("STOP", azurite);
        try
        {
            await Task.Delay(Outage);

            // The round cannot end without storage: its updates, the aggregation and the model all go through it.
            Assert.DoesNotContain("round 1/1 done", train.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            await FedavgProcess.SignalAsync("CONT", azurite);
        }

        int code = await train.WaitForExitAsync(TimeSpan.FromMinutes(10));
        Assert.True(code == 0, $"exit {code}: {train.Stdout}{train.Stderr}");
        Assert.True(outage.Elapsed >= Outage);
        Assert.Contains("round 1/1 done", train.Stdout, StringComparison.Ordinal);
        AssertNoStackTrace(train);
        await AssertUninterruptedModelAsync(folder, id);
    }

    private async Task AssertUninterruptedModelAsync(TempFolder folder, string id) =>
        RunArtifacts.AssertSameModel(uninterrupted.Model, await File.ReadAllBytesAsync(RunArtifacts.ModelFile(folder.Path, id)));

    // Azurite keeps its databases in memory and saves each every 5 s when it changed, so a SIGKILL
    // loses what the last seconds wrote. Write to each database and wait until all of them have been
    // saved since: what the run wrote before is then on disk, and the kill loses nothing of it.
    private static async Task UntilSavedAsync(string state)
    {
        var touched = DateTime.UtcNow;
        await using (var look = await LocalState.OpenAsync(state))
        {
            var blobs = new BlobServiceClient(look.ConnectionString).GetBlobContainerClient("test-touch");
            await blobs.CreateIfNotExistsAsync();
            await blobs.UploadBlobAsync($"touch-{Guid.NewGuid():N}", BinaryData.FromString("touch"));
            var queue = new QueueClient(look.ConnectionString, "test-touch");
            await queue.CreateIfNotExistsAsync();
            await queue.SendMessageAsync("touch");
            var table = new TableClient(look.ConnectionString, "testtouch");
            await table.CreateIfNotExistsAsync();
            await table.AddEntityAsync(new TableEntity("touch", Guid.NewGuid().ToString("N")));
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (Directory.GetFiles(state, "__azurite_db_*.json").Any(db => File.GetLastWriteTimeUtc(db) <= touched))
        {
            Assert.True(DateTime.UtcNow < deadline, "Azurite did not save its databases within a minute");
            await Task.Delay(200);
        }
    }

    private static void AssertNoStackTrace(FedavgProcess fedavg)
    {
        string all = fedavg.Stdout + fedavg.Stderr;
        Assert.DoesNotContain("Unhandled exception", all, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", all, StringComparison.Ordinal);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [GeneratedRegex(@"continue it with: (?<command>fedavg train --resume \S+)")]
    private static partial Regex ResumeCommand();
}
