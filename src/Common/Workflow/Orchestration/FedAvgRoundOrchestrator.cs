using FedAvg.Common.Adversaries;
using FedAvg.Common.Aggregation;
using FedAvg.Common.Storage;
using FedAvg.Common.Training;
using Microsoft.DurableTask;

namespace FedAvg.Common.Orchestration;

/// <summary>
/// One round of a run as its own orchestration: fan out local training to the selected clients in bounded waves, fan
/// in, aggregate, then evaluate while the round's client updates are deleted. A run's history thus grows by a few
/// events a round, and each round replays only its own history, so round 100 costs what round 2 did.
/// </summary>
public sealed class FedAvgRoundOrchestrator : TaskOrchestrator<RoundInput, RoundOutcome>
{
    /// <summary>
    /// Training activities scheduled at once: a round of hundreds of clients is fanned out as a sliding window, so no
    /// single checkpoint writes hundreds of queue messages and a completion is never stuck behind a huge batch.
    /// </summary>
    public const int MaxTrainingInFlight = 64;

    /// <summary>Status updates a round publishes while training, at most: rounds of any size write a bounded status.</summary>
    public const int StatusUpdates = 20;

    /// <summary>Mixed with the run's seed and the round into the seed of DP-FedAvg's noise, apart from every client's training seed.</summary>
    private const long NoiseStream = 0x4450_4E6F_6973_65;

    public override async Task<RoundOutcome> RunAsync(TaskOrchestrationContext context, RoundInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var request = input.Request;
        int round = input.Round;
        int count = input.Clients.Count;
        bool listed = count <= RunStatus.ListLimit;
        var finished = new List<ClientProgress>();
        ClientAccuracyDistribution? clientEvaluation = null;
        void Publish(string phase) =>
            context.SetCustomStatus(new RoundStatus(phase, round, count, finished.Count, listed ? finished : null, clientEvaluation));

        Publish("training");
        var outcomes = new (TrainClientResult? Result, ClientFailure? Failure)[count];
        int step = Math.Max(1, count / StatusUpdates);
        var hostile = RunAdversaries.Of(request).ToHashSet();
        await FanOutWindow.RunAsync(count, MaxTrainingInFlight, i => TrainAsync(context, Input(input, input.Clients[i], hostile)), (index, outcome) =>
        {
            var (trained, failure) = outcomes[index] = outcome;
            finished.Add(trained is null
                ? new ClientProgress(failure!.Client, false, 0, 0, 0)
                : new ClientProgress(trained.Client, true, trained.Samples, trained.ImagesPerSecond, trained.TrainSeconds, trained.TrainLoss));
            if (finished.Count % step == 0 || finished.Count == count)
            {
                Publish("training");
            }
        });

        var trainedClients = outcomes.Where(o => o.Result is not null).Select(o => o.Result!).ToList();
        var failures = outcomes.Where(o => o.Failure is not null).Select(o => o.Failure!).ToList();

        Publish("aggregating");
        var updates = trainedClients.Select(t => new UpdateRef(t.Client, t.UpdateBlob, t.Samples, t.ControlDeltaBlob)).ToList();
        var tree = UsesFanInTree(request, updates.Count)
            ? await SumInGroupsAsync(context, input, updates, failures)
            : null;
        var aggregate = updates.Count < request.MinClientsPerRound
            ? null
            : await context.CallActivityAsync<AggregateResult>(
                ActivityNames.Aggregate,
                new AggregateInput(input.RunId, round, request.Model, input.GlobalModelBlob,
                    updates,
                    request.MinClientsPerRound, request.ServerLearningRate, request.ServerMomentum, input.MomentumBlob,
                    new AggregatorOptions { Aggregator = request.Aggregator, TrimFraction = request.TrimBeta, ByzantineClients = request.ByzantineClients },
                    new ServerStateInput(request.ServerOptimizer, request.ServerBeta1, request.ServerBeta2, request.ServerTau, input.SecondMomentBlob,
                        IsScaffold(request), input.ServerControlBlob, request.Clients),
                    Privacy(input), tree?.Partials),
                FedAvgOrchestrator.Retry);
        failures.AddRange(aggregate?.Rejected ?? []);
        if (aggregate is not null && tree is not null)
        {
            // The leaves' work is the aggregation's too: the round's summary counts it as it counts every client's training.
            aggregate = aggregate with
            {
                Seconds = aggregate.Seconds + tree.Leaves.Sum(l => l.Seconds),
                TransferSeconds = aggregate.TransferSeconds + tree.Leaves.Sum(l => l.TransferSeconds),
            };
        }

        // The aggregate's result is in this orchestration's history now: no replay runs it again, so its inputs can go.
        var obsolete = new List<string>();
        void Supersede(string? read, string? written)
        {
            if (written is not null)
            {
                obsolete.AddRange(read is not null && read != written ? [read] : []);
                obsolete.AddRange(round == request.Rounds ? [written] : []);
            }
        }

        Supersede(input.MomentumBlob, aggregate?.MomentumBlob);
        Supersede(input.SecondMomentBlob, aggregate?.SecondMomentBlob);
        Supersede(input.ServerControlBlob, aggregate?.ServerControlBlob);
        if (aggregate is not null && IsScaffold(request))
        {
            // An accepted client's new control replaces its old one; a rejected client's new one never counts.
            var accepted = aggregate.Accepted.ToHashSet();
            obsolete.AddRange(input.Clients.Where(c => accepted.Contains(c.Client) && c.ControlBlob is not null).Select(c => c.ControlBlob!));
            obsolete.AddRange(trainedClients.Where(t => !accepted.Contains(t.Client)).Select(t => BlobNames.ClientControl(input.RunId, t.Client, round)));
        }

        var discard = DiscardAsync(context, new DiscardUpdatesInput(input.RunId, round, obsolete));
        if (aggregate?.GlobalModelBlob is null)
        {
            await discard;
            Publish("failed");
            return new RoundOutcome(null, null, failures, 0,
                aggregate?.Error is { } refused ? $"Round {round}: {refused}" : NotEnoughUpdates(round, request, count, failures));
        }

        Publish("evaluating");
        var central = context.CallActivityAsync<EvaluateResult>(
            ActivityNames.Evaluate, new EvaluateInput(input.RunId, round, request.Model, aggregate.GlobalModelBlob, request.TestLimit),
            FedAvgOrchestrator.Retry);
        var perClient = EvaluateClientsAsync(context, input, trainedClients, aggregate.GlobalModelBlob);
        var evaluation = await central;
        var clientResult = await perClient;
        clientEvaluation = clientResult?.Distribution;
        var discarded = await discard;
        Publish("completed");

        var timings = trainedClients.Select(t => t.Timing).Concat(tree?.Leaves.Select(l => l.Timing) ?? []).Append(aggregate.Timing).Append(evaluation.Timing);
        if (clientResult is not null)
        {
            timings = timings.Append(clientResult.Timing);
        }

        if (discarded?.Timing is { } discardTiming)
        {
            timings = timings.Append(discardTiming);
        }

        return new RoundOutcome(Summarise(round, input.LearningRate, trainedClients, aggregate, evaluation) with { ClientEvaluation = clientEvaluation }, aggregate.MomentumBlob,
            failures, ActivityTiming.BusySeconds(timings), null, aggregate.SecondMomentBlob, aggregate.ServerControlBlob);
    }

    /// <summary>The fan-in tree serves the streamed sample-weighted mean only: the robust aggregators and DP need every update at once.</summary>
    internal static bool UsesFanInTree(TrainingRequest request, int updates) =>
        request.AggregationGroup > 0 && updates > request.AggregationGroup
        && request.Aggregator == UpdateAggregators.FedAvg && RunPrivacy.Of(request) is null;

    /// <summary>
    /// The fan-in tree's leaves: one SumUpdates activity per group of <see cref="TrainingRequest.AggregationGroup"/> updates
    /// in client order, in bounded waves. A rejected update changes every share, so the round is summed again without
    /// it (the rejected go to <paramref name="failures"/> and out of <paramref name="updates"/>), as the one-activity fold
    /// passes again. Null when too few updates are left to aggregate.
    /// </summary>
    private static async Task<FanInTree?> SumInGroupsAsync(
        TaskOrchestrationContext context, RoundInput input, List<UpdateRef> updates, List<ClientFailure> failures)
    {
        int group = input.Request.AggregationGroup;
        var leaves = new List<SumUpdatesResult>();
        while (updates.Count >= input.Request.MinClientsPerRound && updates.Count > 0)
        {
            updates.Sort((a, b) => a.Client.CompareTo(b.Client));
            long samples = updates.Sum(u => (long)u.Samples);
            var groups = updates.Chunk(group).ToList();
            var results = new SumUpdatesResult[groups.Count];
            await FanOutWindow.RunAsync(groups.Count, MaxTrainingInFlight,
                g => context.CallActivityAsync<SumUpdatesResult>(ActivityNames.SumUpdates,
                    new SumUpdatesInput(input.RunId, input.Round, g, groups[g], samples), FedAvgOrchestrator.Retry),
                (g, result) => results[g] = result);
            leaves.AddRange(results);
            var rejected = results.SelectMany(r => r.Rejected).ToList();
            if (rejected.Count == 0)
            {
                return new FanInTree([.. results.Select(r => new PartialSumRef(r.PartialBlob!, r.Samples))], leaves);
            }

            failures.AddRange(rejected);
            var left = rejected.Select(r => r.Client).ToHashSet();
            updates.RemoveAll(u => left.Contains(u.Client));
        }

        return null;
    }

    /// <summary>A round's group sums, in group order, and every leaf activity that ran for them.</summary>
    private sealed record FanInTree(IReadOnlyList<PartialSumRef> Partials, IReadOnlyList<SumUpdatesResult> Leaves);

    private static TrainClientInput Input(RoundInput round, RoundClient client, HashSet<int> hostile)
    {
        var request = round.Request;
        return new(round.RunId, round.Round, client.Client, client.ShardBlob, round.GlobalModelBlob, request.Model, request.LocalEpochs,
            request.BatchSize, round.LearningRate, request.Momentum, request.WeightDecay, request.Augmentation,
            SeedMixer.Mix(request.Seed, round.Round, client.Client),
            hostile.Contains(client.Client) ? new ClientAttack(request.Attack, request.AttackScale) : null,
            request.ClientAlgorithm == ClientAlgorithmNames.FedProx ? request.ProximalMu : 0,
            IsScaffold(request) ? new ScaffoldBlobs(round.ServerControlBlob, client.ControlBlob) : null,
            ClientHoldOut.For(request, client.Client),
            request.LogitAdjustment);
    }

    /// <summary>
    /// Per-client evaluation, when the request asks for it: the new global model on the held-out part of each client
    /// that trained this round (not every client of the run, so its cost follows the round's). Scheduled beside the
    /// central evaluation; off, it schedules nothing and the round's history is what it was without it.
    /// </summary>
    private static Task<EvaluateClientsResult?> EvaluateClientsAsync(
        TaskOrchestrationContext context, RoundInput input, IReadOnlyList<TrainClientResult> trained, string globalModelBlob)
    {
        var shards = input.Clients.ToDictionary(c => c.Client, c => c.ShardBlob);
        var clients = trained.Select(t => (t.Client, HoldOut: ClientHoldOut.For(input.Request, t.Client)))
            .Where(c => c.HoldOut is not null)
            .Select(c => new HeldOutShard(c.Client, shards[c.Client], c.HoldOut!))
            .ToList();
        return clients.Count == 0
            ? Task.FromResult<EvaluateClientsResult?>(null)
            : context.CallActivityAsync<EvaluateClientsResult?>(
                ActivityNames.EvaluateClients, new EvaluateClientsInput(input.RunId, input.Round, input.Request.Model, globalModelBlob, clients),
                FedAvgOrchestrator.Retry);
    }

    private static PrivacyInput? Privacy(RoundInput input)
    {
        var request = input.Request;
        return RunPrivacy.Of(request) is { } privacy
            ? new PrivacyInput(privacy.Options(request.EffectiveClientsPerRound), input.ClipNorm ?? privacy.ClipNorm,
                NoiseSeed(request.Seed, input.Round), privacy.SamplingRate)
            : null;
    }

    /// <summary>The seed of DP-FedAvg's noise in <paramref name="round"/>: the same on every retry and rerun of the round.</summary>
    internal static long NoiseSeed(int runSeed, int round) => SeedMixer.Derive(SeedMixer.Derive(runSeed, NoiseStream), round);

    internal static bool IsScaffold(TrainingRequest request) => request.ClientAlgorithm == ClientAlgorithmNames.Scaffold;

    private static async Task<(TrainClientResult? Result, ClientFailure? Failure)> TrainAsync(TaskOrchestrationContext context, TrainClientInput input)
    {
        try
        {
            return (await context.CallActivityAsync<TrainClientResult>(ActivityNames.TrainClient, input, FedAvgOrchestrator.Retry), null);
        }
        catch (TaskFailedException e)
        {
            string reason = e.FailureDetails is { } details ? $"{details.ErrorType}: {details.ErrorMessage}" : e.Message;
            return (null, new ClientFailure(input.Round, input.Client, reason));
        }
    }

    // Leftover updates cost storage, not correctness: a deletion that still fails after its retries does not fail the round.
    private static async Task<DiscardUpdatesResult?> DiscardAsync(TaskOrchestrationContext context, DiscardUpdatesInput input)
    {
        try
        {
            return await context.CallActivityAsync<DiscardUpdatesResult>(ActivityNames.DiscardUpdates, input, FedAvgOrchestrator.Retry);
        }
        catch (TaskFailedException)
        {
            return null;
        }
    }

    private static string NotEnoughUpdates(int round, TrainingRequest request, int selected, IEnumerable<ClientFailure> failures)
    {
        var thisRound = failures.Where(f => f.Round == round).Select(f => $"client {f.Client}: {f.Reason}");
        return $"Round {round}: fewer than minClientsPerRound={request.MinClientsPerRound} of the {selected} selected clients " +
            $"produced a usable update. {string.Join("; ", thisRound)}";
    }

    /// <summary>The round's summary; its wall and overhead seconds are the run's to fill in, which sees the whole round.</summary>
    private static RoundSummary Summarise(
        int round, double learningRate, IReadOnlyList<TrainClientResult> trained, AggregateResult aggregate, EvaluateResult evaluation)
    {
        var acceptedClients = aggregate.Accepted.ToHashSet();
        var accepted = trained.Where(t => acceptedClients.Contains(t.Client)).ToList();
        double trainSeconds = trained.Sum(t => t.TrainSeconds);
        return new RoundSummary(
            round,
            accepted.Select(t => t.Client).ToList(),
            accepted.Select(t => t.Samples).ToList(),
            evaluation.Accuracy,
            evaluation.Loss,
            accepted.Count == 0 ? double.NaN : accepted.Sum(t => t.TrainLoss * t.Samples) / accepted.Sum(t => (double)t.Samples),
            learningRate,
            0,
            trainSeconds,
            trained.Sum(t => t.TransferSeconds) + aggregate.TransferSeconds,
            aggregate.Seconds,
            evaluation.Seconds,
            0,
            trainSeconds > 0 ? trained.Sum(t => t.ImagesPerSecond * t.TrainSeconds) / trainSeconds : 0,
            aggregate.GlobalModelBlob!,
            [.. trained.Select(t => new ClientRound(t.Client, t.Samples, t.TrainLoss, t.TrainSeconds, t.ImagesPerSecond, acceptedClients.Contains(t.Client)))],
            accepted.Count,
            accepted.Sum(t => (long)t.Samples),
            aggregate.Privacy);
    }
}
