using System.Text.RegularExpressions;

namespace FedAvg.LocalHost.Tests.EndToEnd;

public sealed partial class CrashResumeTests
{
    private static readonly string[] TinyRun =
        ["train", "--rounds", "3", "--clients", "3", "--clients-per-round", "2", "--train-limit", "600", "--test-limit", "200", "--local-epochs", "1", "--seed", "7", "--json"];

    [Fact]
    public async Task Run_killed_after_round_1_resumes_to_the_same_final_model_as_an_uninterrupted_run()
    {
        using var uninterruptedFolder = new TempFolder();
        string uninterruptedId;
        await using (var uninterrupted = FedavgProcess.Start(uninterruptedFolder.Path, TinyRun))
        {
            uninterruptedId = await RunIdAsync(uninterrupted);
            Assert.Equal(0, await uninterrupted.WaitForExitAsync(TimeSpan.FromMinutes(3)));
        }

        using var crashedFolder = new TempFolder();
        string crashedId;
        await using (var crashed = FedavgProcess.Start(crashedFolder.Path, TinyRun))
        {
            crashedId = await RunIdAsync(crashed);
            await crashed.WaitForLineAsync(line => line.StartsWith("round 1/3 done", StringComparison.Ordinal), TimeSpan.FromMinutes(3));
            crashed.Crash();
            await crashed.WaitForExitAsync(TimeSpan.FromSeconds(30));
            Assert.False(File.Exists(ModelFile(crashedFolder, crashedId)));

            // The killed process's Azurite is still running; the resumed one must take its folder over.
            await using var resumed = FedavgProcess.Start(crashedFolder.Path, "train", "--resume", crashedId, "--json");
            Assert.Equal(0, await resumed.WaitForExitAsync(TimeSpan.FromMinutes(3)));
            Assert.Contains($"\"runId\":\"{crashedId}\"", resumed.Stdout);
        }

        byte[] expected = await File.ReadAllBytesAsync(ModelFile(uninterruptedFolder, uninterruptedId));
        byte[] actual = await File.ReadAllBytesAsync(ModelFile(crashedFolder, crashedId));
        Assert.True(expected.AsSpan().SequenceEqual(actual), $"final models differ ({expected.Length} and {actual.Length} bytes)");
    }

    internal static string ModelFile(TempFolder folder, string runId) => Path.Combine(folder.Path, "runs", runId, "model.weights");

    private static async Task<string> RunIdAsync(FedavgProcess fedavg)
    {
        string line = await fedavg.WaitForLineAsync(l => RunLine().IsMatch(l), TimeSpan.FromMinutes(1));
        return RunLine().Match(line).Groups["id"].Value;
    }

    [GeneratedRegex(@"^fedavg: run (?<id>[0-9a-f]{32}) ")]
    private static partial Regex RunLine();
}
