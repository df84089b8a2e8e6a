using FedAvg.Common.Orchestration;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;

namespace FedAvg.LocalHost.Tests.Train;

/// <summary>A run's polled states as the durable client hands them to the progress printer.</summary>
internal static class RunStates
{
    public static readonly DateTimeOffset Created = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);

    public static OrchestrationMetadata Of(RunStatus? status, TrainingRequest? request = null) =>
        new(ActivityNames.Orchestrator, "run-1")
        {
            DataConverter = JsonDataConverter.Default,
            RuntimeStatus = OrchestrationRuntimeStatus.Running,
            CreatedAt = Created,
            LastUpdatedAt = Created,
            SerializedInput = request is null ? null : JsonDataConverter.Default.Serialize(request),
            SerializedCustomStatus = status is null ? null : JsonDataConverter.Default.Serialize(status),
        };

    public static RunStatus Status(string phase, int round, int rounds, IReadOnlyList<int> clients, IReadOnlyList<RoundSummary> history, int finished = 0) =>
        new(phase, round, rounds, clients, history, [], null, [.. clients.Take(finished).Select(c => new ClientProgress(c, true, 100, 1000, 2))]);

    public static RoundSummary Round(int round, double accuracy) =>
        new(round, [0, 1], [100, 100], accuracy, 1.5, 1.7, 0.03, 30, 20, 1, 0.5, 2, 0.1, 1000, $"model-{round}");

    /// <summary>Every state of a run of <paramref name="rounds"/> rounds over <paramref name="clients"/> clients a round, each client finishing in turn.</summary>
    public static IEnumerable<OrchestrationMetadata> WholeRun(int rounds, int clients, TrainingRequest request)
    {
        int[] selected = [.. Enumerable.Range(0, clients)];
        var history = new List<RoundSummary>();
        yield return Of(null);
        yield return Of(Status("preparing", 0, rounds, [], []), request);
        for (int round = 1; round <= rounds; round++)
        {
            for (int finished = 0; finished <= clients; finished++)
            {
                yield return Of(Status("training", round, rounds, selected, [.. history], finished), request);
            }

            yield return Of(Status("aggregating", round, rounds, selected, [.. history]), request);
            yield return Of(Status("evaluating", round, rounds, selected, [.. history]), request);
            history.Add(Round(round, 0.2 * round));
        }

        yield return Of(Status("completed", rounds, rounds, [], [.. history]), request);
    }
}
