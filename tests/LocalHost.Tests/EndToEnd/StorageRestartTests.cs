using System.Text.RegularExpressions;
using FedAvg.LocalHost.Storage;

namespace FedAvg.LocalHost.Tests.EndToEnd;

/// <summary>An Azurite that dies during a run costs the run time, not the run: fedavg starts it again on the same ports.</summary>
[Collection(nameof(TrainRequestTests))]
public sealed partial class StorageRestartTests
{
    // Four clients training 500 images each: round 2 trains long enough to be killed in, and the
    // whole run stays small.
    private static readonly string[] SmallRun =
        ["train", "--rounds", "3", "--clients", "4", "--train-limit", "2000", "--test-limit", "200", "--local-epochs", "1", "--seed", "11"];

    [Fact]
    public async Task Azurite_killed_mid_round_2_is_restarted_and_the_run_completes_in_the_same_process_to_the_uninterrupted_model()
    {
        using var uninterruptedFolder = new TempFolder();
        string uninterruptedId;
        await using (var uninterrupted = FedavgProcess.Start(uninterruptedFolder.Path, SmallRun))
        {
            uninterruptedId = RunLine().Match(await uninterrupted.WaitForLineAsync(l => RunLine().IsMatch(l), TimeSpan.FromMinutes(2))).Groups["id"].Value;
            int code = await uninterrupted.WaitForExitAsync(TimeSpan.FromMinutes(10));
            Assert.True(code == 0, $"exit {code}: {uninterrupted.Stdout}{uninterrupted.Stderr}");
        }

        using var killedFolder = new TempFolder();
        string state = Path.GetFullPath(Path.Combine(killedFolder.Path, LocalStorage.DefaultFolder));
        string killedId;
        await using (var train = FedavgProcess.Start(killedFolder.Path, SmallRun))
        {
            Match run = RunLine().Match(await train.WaitForLineAsync(l => RunLine().IsMatch(l), TimeSpan.FromMinutes(2)));
            killedId = run.Groups["id"].Value;
            await train.WaitForLineAsync(l => l.StartsWith("round 2/3 training", StringComparison.Ordinal), TimeSpan.FromMinutes(5));
            await StorageFailureTests.UntilSavedAsync(state);
            int azurite = Assert.Single(AzuriteProcesses.FindServing(state));
            await StorageFailureTests.KillAsync(azurite);

            int exit = await train.WaitForExitAsync(TimeSpan.FromMinutes(10));
            Assert.True(exit == 0, $"exit {exit}: {train.Stdout}{train.Stderr}");

            // The same port as before: the engine's connection string still names it.
            string restarted = Assert.Single(train.Lines, l => l.Contains("storage: Azurite exited", StringComparison.Ordinal));
            Assert.StartsWith($"fedavg: storage: Azurite exited; restarted on 127.0.0.1:{run.Groups["port"].Value} ", restarted);
            Assert.Contains("round 3/3 done", train.Stdout, StringComparison.Ordinal);
        }

        byte[] expected = await File.ReadAllBytesAsync(ModelFile(uninterruptedFolder, uninterruptedId));
        byte[] actual = await File.ReadAllBytesAsync(ModelFile(killedFolder, killedId));
        Assert.True(expected.AsSpan().SequenceEqual(actual), $"final models differ ({expected.Length} and {actual.Length} bytes)");
    }

    private static string ModelFile(TempFolder folder, string runId) => Path.Combine(folder.Path, "runs", runId, "model.weights");

    [GeneratedRegex(@"^fedavg: run (?<id>[0-9a-f]{32}) \(state in Azurite on 127\.0\.0\.1:(?<port>\d+) ")]
    private static partial Regex RunLine();
}
