using FedAvg.Common.Orchestration.Activities;
using Microsoft.DurableTask;

namespace FedAvg.Common.Orchestration;

/// <summary>Registers the orchestrators and their activities on any Durable Task worker.</summary>
public static class FedAvgTasks
{
    public static void Register(DurableTaskRegistry registry, FedAvgRuntime runtime)
    {
        RegisterOrchestrator(registry);
        RegisterActivities(registry, runtime);
    }

    public static void RegisterOrchestrator(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.AddOrchestratorFunc<TrainingRequest, RunResult>(
            ActivityNames.Orchestrator, (context, request) => new FedAvgOrchestrator().RunAsync(context, request));
        registry.AddOrchestratorFunc<RoundInput, RoundOutcome>(
            ActivityNames.Round, (context, round) => new FedAvgRoundOrchestrator().RunAsync(context, round));
    }

    /// <summary>The activities; <paramref name="except"/> leaves some out for a host (or test) to register its own.</summary>
    public static void RegisterActivities(DurableTaskRegistry registry, FedAvgRuntime runtime, params string[] except)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(except);
        Add(registry, except, ActivityNames.PrepareRun, new PrepareRunActivity(runtime));
        Add(registry, except, ActivityNames.TrainClient, new TrainClientActivity(runtime));
        Add(registry, except, ActivityNames.Aggregate, new AggregateActivity(runtime));
        Add(registry, except, ActivityNames.Evaluate, new EvaluateActivity(runtime));
        Add(registry, except, ActivityNames.DiscardUpdates, new DiscardUpdatesActivity(runtime));
        Add(registry, except, ActivityNames.CompleteRun, new CompleteRunActivity(runtime));
    }

    private static void Add<TInput, TOutput>(DurableTaskRegistry registry, string[] except, string name, TaskActivity<TInput, TOutput> activity)
    {
        if (!except.Contains(name))
        {
            registry.AddActivityFunc<TInput, TOutput>(name, (context, input) => activity.RunAsync(context, input));
        }
    }
}
