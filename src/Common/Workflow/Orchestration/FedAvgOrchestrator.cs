using Microsoft.DurableTask;

namespace FedAvg.Common.Orchestration;

/// <summary>
/// One federated training run: prepare the data, then per round fan out local training to the
/// selected clients, fan in, aggregate, evaluate. Deterministic (no I/O, no clock but the
/// context's, seeded selection), so it replays safely and a rerun with the same request and seed
/// produces the same global model.
/// </summary>
public sealed class FedAvgOrchestrator : TaskOrchestrator<TrainingRequest, RunResult>
{
    // Activities retry with backoff before a client is given up for the round.
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(
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
        void Publish(string phase, int round, IReadOnlyList<int> clients, IReadOnlyList<ClientProgress>? finished = null) =>
            context.SetCustomStatus(new RunStatus(phase, round, request.Rounds, clients, history, failures, partition, finished));

        Publish("preparing", 0, []);
        var prepared = await context.CallActivityAsync<PrepareRunResult>(
            ActivityNames.PrepareRun, new PrepareRunInput(runId, request), Retry);
        // Custom status is small by design: the partition is shown only for a handful of clients.
        partition = request.Clients <= 20 ? prepared.Clients : null;

        string global = prepared.InitialModelBlob;
        string? momentum = null;
        for (int round = 1; round <= request.Rounds; round++)
        {
            var roundStart = context.CurrentUtcDateTime;
            int[] selected = ClientSelector.Select(request.Seed, round, request.Clients, request.EffectiveClientsPerRound);
            double learningRate = LearningRateSchedule.At(request, round);
            Publish("training", round, selected);

            var training = selected.Select(client => TrainAsync(
                context, Input(runId, round, client, prepared.Clients[client].Blob, global, request, learningRate))).ToList();
            // Await the clients as they finish so progress shows each one; replay sees the same order.
            var finished = new List<ClientProgress>();
            for (var pending = training.ToList(); pending.Count > 0;)
            {
                var done = await Task.WhenAny(pending);
                pending.Remove(done);
                var (trainedClient, failure) = await done;
                finished.Add(trainedClient is null
                    ? new ClientProgress(failure!.Client, false, 0, 0, 0)
                    : new ClientProgress(trainedClient.Client, true, trainedClient.Samples, trainedClient.ImagesPerSecond, trainedClient.TrainSeconds, trainedClient.TrainLoss));
                Publish("training", round, selected, finished);
            }

            var outcomes = await Task.WhenAll(training);
            var trained = outcomes.Where(o => o.Result is not null).Select(o => o.Result!).ToList();
            failures.AddRange(outcomes.Where(o => o.Failure is not null).Select(o => o.Failure!));

            Publish("aggregating", round, selected);
            var aggregate = trained.Count < request.MinClientsPerRound
                ? null
                : await context.CallActivityAsync<AggregateResult>(
                    ActivityNames.Aggregate,
                    new AggregateInput(runId, round, request.Model, global, trained.Select(t => new UpdateRef(t.Client, t.UpdateBlob, t.Samples)).ToList(),
                        request.MinClientsPerRound, request.ServerLearningRate, request.ServerMomentum, momentum),
                    Retry);
            failures.AddRange(aggregate?.Rejected ?? []);
            if (aggregate?.GlobalModelBlob is null)
            {
                Publish("failed", round, selected);
                throw new InvalidOperationException(NotEnoughUpdates(round, request, selected.Length, failures));
            }

            global = aggregate.GlobalModelBlob;
            momentum = aggregate.MomentumBlob;

            Publish("evaluating", round, selected);
            var evaluation = await context.CallActivityAsync<EvaluateResult>(
                ActivityNames.Evaluate, new EvaluateInput(runId, round, request.Model, global, request.TestLimit), Retry);

            history.Add(Summarise(round, context.CurrentUtcDateTime - roundStart, learningRate, global, trained, aggregate, evaluation));
        }

        var last = history[^1];
        var result = new RunResult(runId, request.Model, request.Rounds, last.TestAccuracy, last.TestLoss, global, history, failures,
            prepared.Clients, (context.CurrentUtcDateTime - started).TotalSeconds);
        await context.CallActivityAsync<bool>(ActivityNames.CompleteRun, new CompleteRunInput(runId, result), Retry);
        Publish("completed", request.Rounds, []);
        return result;
    }

    private static TrainClientInput Input(string runId, int round, int client, string shard, string global, TrainingRequest request, double learningRate) =>
        new(runId, round, client, shard, global, request.Model, request.LocalEpochs, request.BatchSize, learningRate,
            request.Momentum, request.WeightDecay, request.Augmentation, Training.SeedMixer.Mix(request.Seed, round, client));

    private static async Task<(TrainClientResult? Result, ClientFailure? Failure)> TrainAsync(TaskOrchestrationContext context, TrainClientInput input)
    {
        try
        {
            return (await context.CallActivityAsync<TrainClientResult>(ActivityNames.TrainClient, input, Retry), null);
        }
        catch (TaskFailedException e)
        {
            string reason = e.FailureDetails is { } details ? $"{details.ErrorType}: {details.ErrorMessage}" : e.Message;
            return (null, new ClientFailure(input.Round, input.Client, reason));
        }
    }

    private static string NotEnoughUpdates(int round, TrainingRequest request, int selected, IEnumerable<ClientFailure> failures)
    {
        var thisRound = failures.Where(f => f.Round == round).Select(f => $"client {f.Client}: {f.Reason}");
        return $"Round {round}: fewer than minClientsPerRound={request.MinClientsPerRound} of the {selected} selected clients " +
            $"produced a usable update. {string.Join("; ", thisRound)}";
    }

    private static RoundSummary Summarise(
        int round, TimeSpan wall, double learningRate, string global, IReadOnlyList<TrainClientResult> trained, AggregateResult aggregate, EvaluateResult evaluation)
    {
        var accepted = trained.Where(t => aggregate.Accepted.Contains(t.Client)).ToList();
        var busy = ActivityTiming.BusySeconds(trained.Select(t => t.Timing).Append(aggregate.Timing).Append(evaluation.Timing));
        double trainSeconds = trained.Sum(t => t.TrainSeconds);
        return new RoundSummary(
            round,
            accepted.Select(t => t.Client).ToList(),
            accepted.Select(t => t.Samples).ToList(),
            evaluation.Accuracy,
            evaluation.Loss,
            accepted.Count == 0 ? double.NaN : accepted.Sum(t => t.TrainLoss * t.Samples) / accepted.Sum(t => (double)t.Samples),
            learningRate,
            wall.TotalSeconds,
            trainSeconds,
            trained.Sum(t => t.TransferSeconds) + aggregate.TransferSeconds,
            aggregate.Seconds,
            evaluation.Seconds,
            Math.Max(0, wall.TotalSeconds - busy),
            trainSeconds > 0 ? trained.Sum(t => t.ImagesPerSecond * t.TrainSeconds) / trainSeconds : 0,
            global,
            [.. trained.Select(t => new ClientRound(t.Client, t.Samples, t.TrainLoss, t.TrainSeconds, t.ImagesPerSecond, aggregate.Accepted.Contains(t.Client)))]);
    }
}
