using System.Globalization;
using Microsoft.DurableTask.Client;

namespace FedAvg.Common.Orchestration;

/// <summary>
/// A run's status as one piece: the run's orchestration records the rounds done, the current round's orchestration
/// how far its training has got. Readers (<c>GET /api/runs/{id}</c>, <c>fedavg train</c>) see both through this.
/// </summary>
public static class RunProgress
{
    /// <summary>The instance id of a run's round: fixed by (run, round), so anyone can find the round that is running.</summary>
    public static string RoundInstanceId(string runId, int round) =>
        $"{runId}:round-{round.ToString("D4", CultureInfo.InvariantCulture)}";

    /// <summary>
    /// The run's status with the current round's phase and finished clients filled in from the round's orchestration,
    /// as long as the run is in that round; otherwise the run's own status as it is.
    /// </summary>
    public static async Task<RunStatus?> ReadAsync(DurableTaskClient client, OrchestrationMetadata run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(run);
        RunStatus? status = run.SerializedCustomStatus is null ? null : run.ReadCustomStatusAs<RunStatus>();
        if (status is not { Phase: "training" } || status.Round < 1)
        {
            return status;
        }

        var round = await client.GetInstanceAsync(RoundInstanceId(run.InstanceId, status.Round), getInputsAndOutputs: false, cancellationToken)
            .ConfigureAwait(false);
        RoundStatus? live = round?.SerializedCustomStatus is null ? null : round.ReadCustomStatusAs<RoundStatus>();
        return live is null ? status : status with
        {
            Phase = live.Phase == "completed" ? status.Phase : live.Phase,
            FinishedClients = live.FinishedClients,
            FinishedClientCount = live.Finished,
        };
    }

    /// <summary><paramref name="run"/> with <see cref="ReadAsync"/>'s status in place of its own, for code that reads the metadata.</summary>
    public static async Task<OrchestrationMetadata> WithCurrentRoundAsync(DurableTaskClient client, OrchestrationMetadata run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        RunStatus? status = await ReadAsync(client, run, cancellationToken).ConfigureAwait(false);
        if (status is null || run.SerializedCustomStatus is null)
        {
            return run;
        }

        return new OrchestrationMetadata(run.Name, run.InstanceId)
        {
            RuntimeStatus = run.RuntimeStatus,
            CreatedAt = run.CreatedAt,
            LastUpdatedAt = run.LastUpdatedAt,
            SerializedInput = run.SerializedInput,
            SerializedOutput = run.SerializedOutput,
            SerializedCustomStatus = (run.DataConverter ?? Microsoft.DurableTask.Converters.JsonDataConverter.Default).Serialize(status),
            FailureDetails = run.FailureDetails,
            DataConverter = run.DataConverter,
            Tags = run.Tags!,
        };
    }
}
