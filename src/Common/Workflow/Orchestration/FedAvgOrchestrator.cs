using FedAvg.Common.Storage;
using Microsoft.DurableTask;

namespace FedAvg.Common.Orchestration;

/// <summary>
/// One federated training run: prepare the data, then each round as its own orchestration (<see cref="FedAvgRoundOrchestrator"/>:
/// fan out local training to the selected clients, fan in, aggregate, evaluate). Deterministic (no I/O, no clock but the
/// context's, seeded selection), so it replays safely and a rerun with the same request and seed produces the same
/// global model. Its own history grows by one sub-orchestration a round, not by one activity per client.
/// </summary>
public sealed class FedAvgOrchestrator : TaskOrchestrator<TrainingRequest, RunResult>
{
    // Activities retry with backoff before a client is given up for the round.
    internal static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 3, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2));

    public override async Task<RunResult> RunAsync(TaskOrchestrationContext context, TrainingRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = input ?? Presets.Default.Request;
        var errors = TrainingRequestValidator.Validate(request);
        if (errors.Any)
        {
            throw new ArgumentException($"Invalid training request: {errors}");
        }

        string runId = context.InstanceId;
        var started = context.CurrentUtcDateTime;
        var history = new List<RoundSummary>();
        var failures = new List<ClientFailure>();
        IReadOnlyList<ClientShard>? partition = null;
        var strategy = RunStrategy.Of(request);
        // The status keeps the latest rounds and their failures only, so it stays small however long the run is.
        void Publish(string phase, int round, IReadOnlyList<int> clients) =>
            context.SetCustomStatus(new RunStatus(phase, round, request.Rounds, clients.Count <= RunStatus.ListLimit ? clients : [],
                [.. history.TakeLast(RunStatus.HistoryLimit).Select(h => h.Summarised())],
                [.. failures.Where(f => f.Round > history.Count - RunStatus.HistoryLimit)], partition, TrainingClientCount: clients.Count, Strategy: strategy));

        Publish("preparing", 0, []);
        var prepared = await context.CallActivityAsync<PrepareRunResult>(
            ActivityNames.PrepareRun, new PrepareRunInput(runId, request), Retry);
        // Custom status is small by design: the partition is shown only for a handful of clients.
        partition = request.Clients <= RunStatus.ListLimit ? prepared.Clients : null;

        string global = prepared.InitialModelBlob;
        string? momentum = null;
        string? secondMoment = null;
        string? serverControl = null;
        var clientControls = new Dictionary<int, string>();
        // DP-FedAvg's clip, moved by adaptive clipping from each round to the next; null without privacy.
        double? clip = RunPrivacy.Of(request)?.ClipNorm;
        for (int round = 1; round <= request.Rounds; round++)
        {
            var roundStart = context.CurrentUtcDateTime;
            int[] selected = ClientSelector.Select(request.Seed, round, request.Clients, request.EffectiveClientsPerRound);
            Publish("training", round, selected);

            var outcome = await context.CallSubOrchestratorAsync<RoundOutcome>(
                ActivityNames.Round,
                new RoundInput(runId, round, request, [.. selected.Select(c => new RoundClient(c, prepared.Clients[c].Blob, clientControls.GetValueOrDefault(c)))],
                    global, momentum, LearningRateSchedule.At(request, round), secondMoment, serverControl, clip),
                new SubOrchestrationOptions { InstanceId = RunProgress.RoundInstanceId(runId, round) });
            failures.AddRange(outcome.Failures);
            if (outcome.Summary is null)
            {
                Publish("failed", round, selected);
                throw new InvalidOperationException(outcome.Error);
            }

            double wall = (context.CurrentUtcDateTime - roundStart).TotalSeconds;
            history.Add(outcome.Summary with { WallSeconds = wall, OverheadSeconds = Math.Max(0, wall - outcome.BusySeconds) });
            global = outcome.Summary.GlobalModelBlob;
            momentum = outcome.MomentumBlob;
            secondMoment = outcome.SecondMomentBlob;
            serverControl = outcome.ServerControlBlob;
            clip = outcome.Summary.Privacy?.NextClipNorm ?? clip;
            if (FedAvgRoundOrchestrator.IsScaffold(request))
            {
                foreach (int client in outcome.Summary.Clients)
                {
                    clientControls[client] = BlobNames.ClientControl(runId, client, round);
                }
            }
        }

        if (FedAvgRoundOrchestrator.IsScaffold(request))
        {
            // The clients' controls outlive their rounds but not the run: storage keeps only its models, as without SCAFFOLD.
            // Leftovers cost storage, not correctness: a deletion that still fails after its retries does not fail the run.
            try
            {
                await context.CallActivityAsync<DiscardUpdatesResult>(
                    ActivityNames.DiscardUpdates, new DiscardUpdatesInput(runId, request.Rounds, [], BlobNames.ClientControls(runId)), Retry);
            }
            catch (TaskFailedException)
            {
            }
        }

        Publish("completing", request.Rounds, []);

        var last = history[^1];
        var result = new RunResult(runId, request.Model, request.Rounds, last.TestAccuracy, last.TestLoss, global, history, failures,
            prepared.Clients, (context.CurrentUtcDateTime - started).TotalSeconds,
            RunAdversaries.Of(request) is { Count: > 0 } hostile ? hostile : null, strategy);
        await context.CallActivityAsync<bool>(ActivityNames.CompleteRun, new CompleteRunInput(runId, result), Retry);
        Publish("completed", request.Rounds, []);
        return result;
    }
}
