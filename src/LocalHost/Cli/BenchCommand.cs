using System.CommandLine;
using FedAvg.Common.Orchestration;
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

    public static Command Create()
    {
        var config = new Option<string>(Config)
        {
            Description = $"configurations to run, comma-separated (default {string.Join(',', BenchConfigurations.All.Keys)}): " +
                "reference is the reference service's experiment exactly, default our recommended recipe (preset recommended)",
            HelpName = "NAMES",
        };
        var data = DataFolderOption.Create();
        var output = new Option<string>("--out") { Description = "where the results go (default bench/results)", HelpName = "DIR" };
        // Shorten a run for a quick check: the same fields (and limits) as fedavg train's.
        var request = RequestOptions.Only(TrainingRequestFields.Rounds, TrainingRequestFields.TrainLimit, TrainingRequestFields.TestLimit);
        var command = new Command("bench", "each benchmark configuration end to end through the local durable engine on the real data, " +
            "one after another, measured: <out>/<name>.json and .png per configuration and <out>/accuracy.png comparing them (on 2 cores " +
            "reference and default take about an hour, the 100-round scale configurations hours more: --config reference,default " +
            "for the first two). Refuses to start (exit 2) while other runs are unfinished in the same state.")
        {
            config,
            data,
            output,
        };
        request.AddTo(command, preset: false);
        command.SetAction((parse, cancellationToken) =>
        {
            string[] names = (parse.GetValue(config) ?? string.Join(',', BenchConfigurations.All.Keys))
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var shortened = request.Read(parse);
            var requests = new List<(string Name, TrainingRequest Request)>();
            foreach (string name in names)
            {
                if (!BenchConfigurations.All.TryGetValue(name, out TrainingRequest? configured))
                {
                    throw new UsageException($"{Config} {name}: unknown configuration (known: {string.Join(", ", BenchConfigurations.All.Keys)})");
                }

                var run = shortened.ApplyTo(configured);
                request.ThrowIfAny(parse, TrainingRequestValidator.Validate(run));
                requests.Add((name, run));
            }

            string? folder = DataFolderOption.Read(parse.GetValue(data));
            string results = Path.GetFullPath(parse.GetValue(output) ?? Path.Combine("bench", "results"));
            return RunAsync(requests, folder, results, FedavgCommand.Out(parse), FedavgCommand.Error(parse), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        IReadOnlyList<(string Name, TrainingRequest Request)> requests, string? data, string folder, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
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
        foreach (var (name, request) in requests)
        {
            var result = await runtime.WhileStorageAnswersAsync(token => BenchRunner.RunAsync(name, request, runtime.Client, runtime.Blobs, stderr, token), cancellationToken);
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
