using System.Text.Json;
using FedAvg.Common.Orchestration;
using FedAvg.LocalHost.Hosting;
using FedAvg.LocalHost.Output;
using FedAvg.LocalHost.Runs;
using FedAvg.LocalHost.Train;
using Microsoft.DurableTask.Client;

namespace FedAvg.LocalHost.Cli;

/// <summary>
/// <c>fedavg train</c>: runs the FedAvg orchestration on the local durable engine in this process,
/// shows its progress, and writes runs/&lt;id&gt;. Ctrl+C (or a crash) leaves the run in storage;
/// <c>--resume ID</c> picks it up where its last completed activity left it.
/// </summary>
internal static class TrainCommand
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public static async Task<int> RunAsync(TrainArguments args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        // Everything the user typed is checked before Azurite and the engine start.
        TrainingRequest? request = args.ResumeId is null ? TrainingRequestBuilder.Build(args) : null;

        // --json keeps stdout for the report alone; progress then goes to stderr.
        TextWriter progress = args.Json ? stderr : stdout;
        var printer = new ProgressPrinter(HostConsole.For(progress), TimeProvider.System);

        await using var runtime = await LocalRuntime.OpenAsync(args.DataFolder, new DownloadReporter(stderr), cancellationToken);
        if (request is not null)
        {
            await WarnOfOthersAsync(runtime.Client, stderr, cancellationToken);
        }

        await runtime.StartWorkAsync(cancellationToken);
        string id = await StartOrFindAsync(runtime.Client, args.ResumeId, request, runtime.StorageDescription, cancellationToken);
        await progress.WriteLineAsync($"fedavg: run {id} (state in {runtime.StorageDescription}; after Ctrl+C, fedavg train --resume {id} continues it)");

        OrchestrationMetadata final;
        try
        {
            final = await RunWatcher.WatchAsync(runtime.Client, id, PollInterval, metadata =>
            {
                printer.Show(metadata);
                return Task.CompletedTask;
            }, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            printer.Finish();
            await stderr.WriteLineAsync($"fedavg: stopped; run {id} is saved, continue it with: fedavg train --resume {id}");
            return ExitCodes.Interrupted;
        }

        printer.Finish();
        if (final.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            string why = final.FailureDetails is { } failure ? $": {failure.ErrorMessage}" : string.Empty;
            await stderr.WriteLineAsync($"fedavg: run {id} {final.RuntimeStatus.ToString().ToLowerInvariant()}{why}");
            return ExitCodes.Failure;
        }

        RunResult result = final.ReadOutputAs<RunResult>() ?? throw new InvalidOperationException($"Run {id} completed without a result.");
        TrainingRequest asRun = final.ReadInputAs<TrainingRequest>() ?? Presets.Reference;
        string folder = Path.Combine(args.RunsFolder, id);
        RunReport report = await RunArtifacts.WriteAsync(folder, id, asRun, result, runtime.Blobs, cancellationToken);
        if (args.Json)
        {
            await stdout.WriteLineAsync(JsonSerializer.Serialize(report, JsonDefaults.Options));
        }
        else
        {
            RoundTable.Write(HostConsole.For(stdout), result);
            await stdout.WriteLineAsync($"report: {Path.Combine(folder, RunArtifacts.ReportFile)} ({string.Join(", ", report.Files)})");
        }

        return ExitCodes.Success;
    }

    private static async Task<string> StartOrFindAsync(
        DurableTaskClient client, string? resumeId, TrainingRequest? request, string storage, CancellationToken cancellationToken)
    {
        if (resumeId is null)
        {
            return await client.ScheduleNewOrchestrationInstanceAsync(ActivityNames.Orchestrator, request, cancellationToken);
        }

        // The engine has already picked the run up again (that is inherent to the durable backend);
        // resuming means following it to the end.
        var existing = await client.GetInstanceAsync(resumeId, getInputsAndOutputs: false, cancellationToken);
        return existing is null || existing.Name != ActivityNames.Orchestrator
            ? throw new UsageException($"{TrainFlags.Resume} {resumeId}: no such run in {storage}")
            : resumeId;
    }

    // Runs left unfinished resume alongside this one and slow it down; say so once, and how to stop them.
    private static async Task WarnOfOthersAsync(DurableTaskClient client, TextWriter stderr, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> others = await RunQueries.UnfinishedAsync(client, cancellationToken);
        if (others.Count > 0)
        {
            await stderr.WriteLineAsync(
                $"fedavg: warning: {others.Count} other unfinished run(s) resume alongside and share the machine " +
                $"(fedavg runs lists them; fedavg runs {RunsCommand.StopUnfinished} stops them)");
        }
    }
}
