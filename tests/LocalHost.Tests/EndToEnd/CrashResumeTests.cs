namespace FedAvg.LocalHost.Tests.EndToEnd;

public sealed class CrashResumeTests
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
            uninterruptedId = await uninterrupted.RunIdAsync(TimeSpan.FromMinutes(1));
            Assert.Equal(0, await uninterrupted.WaitForExitAsync(TimeSpan.FromMinutes(3)));
        }

        using var crashedFolder = new TempFolder();
        string crashedId;
        await using (var crashed = FedavgProcess.Start(crashedFolder.Path, TinyRun))
        {
            crashedId = await crashed.RunIdAsync(TimeSpan.FromMinutes(1));
            await crashed.WaitForLineAsync(line => line.StartsWith("round 1/3 done", StringComparison.Ordinal), TimeSpan.FromMinutes(3));
            crashed.Crash();
            await crashed.WaitForExitAsync(TimeSpan.FromSeconds(30));
            Assert.False(File.Exists(RunArtifacts.ModelFile(crashedFolder.Path, crashedId)));

            // The killed process's Azurite is still running; the resumed one must take its folder over.
            await using var resumed = FedavgProcess.Start(crashedFolder.Path, "train", "--resume", crashedId, "--json");
            Assert.Equal(0, await resumed.WaitForExitAsync(TimeSpan.FromMinutes(3)));
            Assert.Contains($"\"runId\":\"{crashedId}\"", resumed.Stdout);
        }

        byte[] expected = await File.ReadAllBytesAsync(RunArtifacts.ModelFile(uninterruptedFolder.Path, uninterruptedId));
        byte[] actual = await File.ReadAllBytesAsync(RunArtifacts.ModelFile(crashedFolder.Path, crashedId));
        RunArtifacts.AssertSameModel(expected, actual);
    }
}
