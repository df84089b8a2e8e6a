using System.CommandLine;
using System.Text.Json;
using FedAvg.Common.Orchestration;
using FedAvg.LocalHost.Hosting;
using FedAvg.LocalHost.Runs;

namespace FedAvg.LocalHost.Cli;

/// <summary>
/// <c>fedavg runs</c>: the runs in the local task hub, and stopping those left unfinished, which every
/// later <c>serve</c>, <c>train</c> or <c>bench</c> would otherwise resume and share the CPU with.
/// </summary>
internal static class RunsCommand
{
    public const string Stop = "--stop";
    public const string StopUnfinished = "--stop-unfinished";
    private const string Json = "--json";

    // A killed fedavg's partition lease must expire (15 s) before this engine can apply a terminate.
    private static readonly TimeSpan StopPatience = TimeSpan.FromSeconds(90);

    public static Command Create()
    {
        var json = new Option<bool>(Json) { Description = "print the runs as a JSON array, with the whole request" };
        var stop = new Option<string[]>(Stop)
        {
            Description = "stop this run for good (may be given again); the work it had queued is skipped wherever it is delivered",
            HelpName = "ID",
            Arity = ArgumentArity.OneOrMore,
        };
        var stopUnfinished = new Option<bool>(StopUnfinished) { Description = "stop every unfinished run for good" };
        var command = new Command("runs", "list the runs in the local state (./.azurite, or FEDAVG_STATE), newest first: id, status, " +
            "when created, the request and how far it got (and why a failed run failed); stop unfinished ones, which every later " +
            "serve, train or bench would resume. An unknown id exits 2 before anything is stopped.")
        {
            json,
            stop,
            stopUnfinished,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            Read(parse.GetValue(stop) ?? [], parse.GetValue(stopUnfinished), parse.GetValue(json)),
            FedavgCommand.Out(parse),
            FedavgCommand.Error(parse),
            cancellationToken));
        return command;
    }

    public static RunsArguments Read(IReadOnlyList<string> ids, bool unfinished, bool json)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count > 0 && unfinished)
        {
            throw new UsageException($"{Stop} and {StopUnfinished} do not combine");
        }

        if (json && (ids.Count > 0 || unfinished))
        {
            throw new UsageException($"{Json} lists runs; it does not combine with {Stop} or {StopUnfinished}");
        }

        if (ids.Any(id => id.Length > 200))
        {
            throw new UsageException($"{Stop} must be a run id");
        }

        return new RunsArguments([.. ids.Distinct(StringComparer.Ordinal)], unfinished, json);
    }

    public static async Task<int> RunAsync(RunsArguments args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        // Opened, not started: looking at the runs must not resume them.
        await using var runtime = await LocalRuntime.OpenAsync(dataFolder: null, download: null, cancellationToken);
        return args.Stops
            ? await StopAsync(runtime, args, stdout, stderr, cancellationToken)
            : await ListAsync(runtime, args.Json, stdout, cancellationToken);
    }

    private static async Task<int> ListAsync(LocalRuntime runtime, bool json, TextWriter stdout, CancellationToken cancellationToken)
    {
        IReadOnlyList<RunListing> runs = await RunQueries.ListAsync(runtime.Client, cancellationToken);
        if (json)
        {
            await stdout.WriteLineAsync(JsonSerializer.Serialize(runs, JsonDefaults.Options));
            return ExitCodes.Success;
        }

        if (runs.Count == 0)
        {
            await stdout.WriteLineAsync($"fedavg: no runs in {runtime.StorageDescription}");
            return ExitCodes.Success;
        }

        await stdout.WriteLineAsync(RunTable.Format(runs));
        foreach (RunListing failed in runs.Where(r => r.Failure is not null))
        {
            await stdout.WriteLineAsync($"{failed.Id} {failed.Status.ToLowerInvariant()}: {failed.Failure}");
        }

        int unfinished = runs.Count(r => r.Unfinished);
        if (unfinished > 0)
        {
            await stdout.WriteLineAsync(
                $"{unfinished} unfinished: the next fedavg serve, train or bench resumes {(unfinished == 1 ? "it" : "them")}; " +
                $"stop with fedavg runs {Stop} ID or {StopUnfinished}");
        }

        return ExitCodes.Success;
    }

    private static async Task<int> StopAsync(LocalRuntime runtime, RunsArguments args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        // Every id is looked up before any run is stopped: a typo stops nothing.
        var targets = new List<RunListing>();
        if (args.StopUnfinished)
        {
            targets.AddRange((await RunQueries.ListAsync(runtime.Client, cancellationToken)).Where(r => r.Unfinished).Reverse());
        }

        foreach (string id in args.StopIds)
        {
            var run = await runtime.Client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
            targets.Add(run is not null && run.Name == ActivityNames.Orchestrator
                ? RunQueries.ToListing(run)
                : throw new UsageException($"{Stop} {id}: no such run in {runtime.StorageDescription}"));
        }

        // Stopping a finished run leaves it as it is; that is what was wanted, so it is no failure.
        foreach (RunListing done in targets.Where(r => !r.Unfinished))
        {
            await stdout.WriteLineAsync($"fedavg: run {done.Id} already {done.Status.ToLowerInvariant()}; nothing to stop");
        }

        var stopping = targets.Where(r => r.Unfinished).ToList();
        if (stopping.Count == 0)
        {
            if (args.StopUnfinished)
            {
                await stdout.WriteLineAsync($"fedavg: no unfinished runs in {runtime.StorageDescription}");
            }

            return ExitCodes.Success;
        }

        string reason = $"stopped with fedavg runs {(args.StopUnfinished ? StopUnfinished : Stop)}";
        foreach (RunListing run in stopping)
        {
            await RunStopper.RequestAsync(runtime.Client, runtime.Blobs, run.Id, reason, cancellationToken);
        }

        // A terminate takes effect when an orchestration dispatcher sees it: this engine runs one (unless
        // another fedavg on the same state already does), but no activity, so no run resumes here meanwhile.
        await runtime.StartOrchestrationsOnlyAsync(cancellationToken);
        int code = ExitCodes.Success;
        foreach (RunListing run in stopping)
        {
            var final = await RunStopper.WaitAsync(runtime.Client, run.Id, StopPatience, cancellationToken);
            if (final is null)
            {
                await stderr.WriteLineAsync(
                    $"fedavg: run {run.Id}: stop requested but not yet applied after {StopPatience.TotalSeconds:F0} s; its queued work is skipped wherever it is delivered");
                code = ExitCodes.Failure;
                continue;
            }

            await stdout.WriteLineAsync($"fedavg: run {run.Id} {final.RuntimeStatus.ToString().ToLowerInvariant()} ({RunTable.Progress(run)}); its queued work will be skipped");
        }

        return code;
    }
}
