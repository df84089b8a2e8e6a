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
    public static void RegisterActivities(DurableTaskRegistry registry, FedAvgRuntime runtime, params string[] except) =>
        RegisterActivities(registry, runtime, observer: null, except);

    /// <summary>As above, with <paramref name="observer"/> told of each activity as it starts and ends.</summary>
    public static void RegisterActivities(DurableTaskRegistry registry, FedAvgRuntime runtime, ActivityObserver? observer, params string[] except)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(except);
        Add(registry, except, observer, ActivityNames.PrepareRun, new PrepareRunActivity(runtime));
        Add(registry, except, observer, ActivityNames.TrainClient, new TrainClientActivity(runtime));
        Add(registry, except, observer, ActivityNames.SumUpdates, new SumUpdatesActivity(runtime));
        Add(registry, except, observer, ActivityNames.Aggregate, new AggregateActivity(runtime));
        Add(registry, except, observer, ActivityNames.Evaluate, new EvaluateActivity(runtime));
        Add(registry, except, observer, ActivityNames.EvaluateClients, new EvaluateClientsActivity(runtime));
        Add(registry, except, observer, ActivityNames.DiscardUpdates, new DiscardUpdatesActivity(runtime));
        Add(registry, except, observer, ActivityNames.CompleteRun, new CompleteRunActivity(runtime));
    }

    private static void Add<TInput, TOutput>(
        DurableTaskRegistry registry, string[] except, ActivityObserver? observer, string name, TaskActivity<TInput, TOutput> activity)
    {
        if (except.Contains(name))
        {
            return;
        }

        if (observer is null)
        {
            registry.AddActivityFunc<TInput, TOutput>(name, (context, input) => activity.RunAsync(context, input));
            return;
        }

        registry.AddActivityFunc<TInput, TOutput>(name, async (context, input) =>
        {
            observer.Started(name, input);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                var output = await activity.RunAsync(context, input).ConfigureAwait(false);
                observer.Finished(name, input, clock.Elapsed, null);
                return output;
            }
            catch (Exception e)
            {
                observer.Finished(name, input, clock.Elapsed, e);
                throw;
            }
        });
    }
}
