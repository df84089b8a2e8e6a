using FedAvg.Common.Orchestration;
using Microsoft.DurableTask.Client;

namespace FedAvg.LocalHost.Runs;

/// <summary>Follows one run until it finishes: `fedavg train` draws its progress from it, `fedavg bench` its measurements, the notebook its live chart.</summary>
public static class RunWatcher
{
    /// <param name="onUpdate">Sees every polled state of the run, the final one included.</param>
    /// <returns>The run's final state (completed, failed or terminated).</returns>
    public static async Task<OrchestrationMetadata> WatchAsync(
        DurableTaskClient client, string id, TimeSpan interval, Func<OrchestrationMetadata, Task> onUpdate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(onUpdate);
        while (true)
        {
            var metadata = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken)
                ?? throw new InvalidOperationException($"Run {id} disappeared from storage.");
            metadata = await RunProgress.WithCurrentRoundAsync(client, metadata, cancellationToken);
            await onUpdate(metadata);
            if (metadata.IsCompleted)
            {
                return metadata;
            }

            await Task.Delay(interval, cancellationToken);
        }
    }
}
