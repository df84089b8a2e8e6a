using FedAvg.Common.Orchestration;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace FedAvg.Orchestrator.Functions;

/// <summary>The durable orchestrators: the same <see cref="FedAvgOrchestrator"/> and rounds the local host and tests run.</summary>
public static class FedAvgOrchestration
{
    [Function(ActivityNames.Orchestrator)]
    public static Task<RunResult> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new FedAvgOrchestrator().RunAsync(context, context.GetInput<TrainingRequest>()!);
    }

    [Function(ActivityNames.Round)]
    public static Task<RoundOutcome> RunRoundAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new FedAvgRoundOrchestrator().RunAsync(context, context.GetInput<RoundInput>()!);
    }
}
