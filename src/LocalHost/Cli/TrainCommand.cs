using System.CommandLine;
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
    public const string Resume = "--resume";
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public static Command Create()
    {
        var (command, read) = Build();
        command.SetAction((parse, cancellationToken) => RunAsync(read(parse), FedavgCommand.Out(parse), FedavgCommand.Error(parse), cancellationToken));
        return command;
    }

    /// <summary>The command and how its arguments are read from a parse: the request built and validated, or the run to resume.</summary>
    public static (Command Command, Func<ParseResult, TrainArguments> Read) Build()
    {
        var request = RequestOptions.All();
        var data = DataFolderOption.Create();
        var runsDir = new Option<string>("--runs-dir") { Description = "where reports go (default ./runs)", HelpName = "DIR" };
        var json = new Option<bool>("--json") { Description = "print only the final report as JSON (progress goes to stderr)" };
        var resume = new Option<string>(Resume)
        {
            Description = "follow a run left unfinished (after Ctrl+C or a crash) to its end, as it was requested",
            HelpName = "ID",
        };
        var command = new Command("train", "train a model: live progress, a per-round table, runs/<id>/report.json. " +
            "The options go over the preset; other unfinished runs in the same state resume alongside (see fedavg runs).");
        request.AddTo(command, preset: true);
        command.Options.Add(data);
        command.Options.Add(runsDir);
        command.Options.Add(json);
        command.Options.Add(resume);
        return (command, parse =>
        {
            string? resumeId = parse.GetValue(resume);
            TrainingRequest? built = null;
            if (resumeId is not null)
            {
                if (request.FirstGiven(parse) is { } setting)
                {
                    throw new UsageException($"{Resume} continues a run as it was requested; {setting} cannot change it");
                }

                if (resumeId.Length > 200)
                {
                    throw new UsageException($"{Resume} must be a run id");
                }
            }
            else
            {
                built = request.Read(parse).Build();
                request.ThrowIfAny(parse, TrainingRequestValidator.Validate(built));
            }

            return new TrainArguments
            {
                Request = built,
                DataFolder = DataFolderOption.ReadOrLocate(parse.GetValue(data)),
                Json = parse.GetValue(json),
                ResumeId = resumeId,
                RunsFolder = parse.GetValue(runsDir) ?? "runs",
                OptionName = request.NamesAsTyped(parse),
            };
        });
    }

    public static async Task<int> RunAsync(TrainArguments args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        // --json keeps stdout for the report alone; progress then goes to stderr.
        TextWriter progress = args.Json ? stderr : stdout;
        var printer = new ProgressPrinter(HostConsole.For(progress), TimeProvider.System);

        await using var runtime = await LocalRuntime.OpenAsync(args.DataFolder, new DownloadReporter(stderr), cancellationToken);
        if (args.Request is { } request)
        {
            // Refused before anything is scheduled: the split PrepareRun would draw, from the labels alone
            // (downloading the data set first if it is nowhere yet: the run would need it anyway).
            var labels = await TrainingLabels.From(runtime.Blobs, async token => await runtime.ResolveDataAsync(token)).ReadAsync(cancellationToken);
            if (labels is not null && RunPartition.Check(request, labels) is { Any: true } unsplittable)
            {
                throw new UsageException(unsplittable.Describe(args.OptionName, first: true));
            }

            await WarnOfOthersAsync(runtime.Client, stderr, cancellationToken);
        }

        await runtime.StartWorkAsync(cancellationToken);
        string id = await StartOrFindAsync(runtime.Client, args.ResumeId, args.Request, runtime.StorageDescription, cancellationToken);
        string resume = TrainArguments.ResumeCommand(id);
        await progress.WriteLineAsync($"fedavg: run {id} (state in {runtime.StorageDescription}; after Ctrl+C, {resume} continues it)");

        OrchestrationMetadata final;
        try
        {
            final = await runtime.WhileStorageAnswersAsync(
                token => RunWatcher.WatchAsync(runtime.Client, id, PollInterval, metadata =>
                {
                    printer.Show(metadata);
                    return Task.CompletedTask;
                }, token),
                cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            printer.Finish();
            await stderr.WriteLineAsync($"fedavg: stopped; run {id} is saved, continue it with: {resume}");
            return ExitCodes.Interrupted;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The run is in storage whatever cut this process off from it; the next engine picks it up.
            printer.Finish();
            throw new CommandFailedException($"{FailureHandler.Describe(e)}; run {id} is saved as far as storage got, continue it with: {resume}", e);
        }

        printer.Finish();
        if (final.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            string why = RunFailure.Reason(final) is { } reason ? $": {reason}" : string.Empty;
            await stderr.WriteLineAsync($"fedavg: run {id} {final.RuntimeStatus.ToString().ToLowerInvariant()}{why}");
            return ExitCodes.Failure;
        }

        RunResult result = final.ReadOutputAs<RunResult>() ?? throw new InvalidOperationException($"Run {id} completed without a result.");
        TrainingRequest asRun = final.ReadInputAs<TrainingRequest>() ?? Presets.Default.Request;
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
            ? throw new UsageException($"{Resume} {resumeId}: no such run in {storage}")
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
