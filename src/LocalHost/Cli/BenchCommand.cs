using FedAvg.LocalHost.Bench;
using FedAvg.LocalHost.Hosting;
using FedAvg.LocalHost.Runs;

namespace FedAvg.LocalHost.Cli;

/// <summary>
/// <c>fedavg bench</c>: each configuration end to end through the local durable engine on the real
/// data, one after another in this process, each measured and written to the results folder.
/// </summary>
internal static class BenchCommand
{
    private const string Config = "--config";
    private const string Out = "--out";
    private const string Rounds = "--rounds";
    private const string TrainLimit = "--train-limit";
    private const string TestLimit = "--test-limit";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var reader = ArgumentReader.Parse("bench", args, [], [Config, DataFolderOption.Flag, Out, Rounds, TrainLimit, TestLimit]);
        string[] names = (reader.String(Config) ?? string.Join(',', BenchConfigurations.All.Keys)).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (string name in names)
        {
            if (!BenchConfigurations.All.ContainsKey(name))
            {
                throw new UsageException($"{Config} {name}: unknown configuration (known: {string.Join(", ", BenchConfigurations.All.Keys)})");
            }
        }

        string? data = DataFolderOption.Read(reader);
        string folder = Path.GetFullPath(reader.String(Out) ?? Path.Combine("bench", "results"));
        int? rounds = reader.Int(Rounds, 1, 1000);
        int? trainLimit = reader.Int(TrainLimit, 5, 50_000);
        int? testLimit = reader.Int(TestLimit, 1, 10_000);

        await using var runtime = await LocalRuntime.OpenAsync(data, new DownloadReporter(stderr), cancellationToken);

        // Checked before the engine takes any work: once started, it would resume them all.
        IReadOnlyList<string> unfinished = await RunQueries.UnfinishedAsync(runtime.Client, cancellationToken);
        if (unfinished.Count > 0)
        {
            throw new UsageException(
                $"{unfinished.Count} unfinished run(s) in {runtime.StorageDescription} would resume and skew every number; " +
                $"stop them first: fedavg runs {RunsCommand.StopUnfinished}");
        }

        await runtime.StartWorkAsync(cancellationToken);
        foreach (string name in names)
        {
            var request = BenchConfigurations.All[name];
            request = request with
            {
                Rounds = rounds ?? request.Rounds,
                TrainLimit = trainLimit ?? request.TrainLimit,
                TestLimit = testLimit ?? request.TestLimit,
            };
            var result = await BenchRunner.RunAsync(name, request, runtime.Client, runtime.Blobs, stderr, cancellationToken);
            await BenchFiles.WriteAsync(folder, result, cancellationToken);
            await stdout.WriteLineAsync($"{name}: final accuracy {result.FinalAccuracy:P2}, {result.WallSeconds / 60:F1} min, peak {result.PeakResidentMegabytes:F0} MB -> {Path.Combine(folder, name + ".json")}");
            foreach (var check in result.Checks)
            {
                await stdout.WriteLineAsync($"  [{(check.Met ? "met" : "MISSED")}] {check.Target}: {check.Measured}");
            }
        }

        return ExitCodes.Success;
    }
}
