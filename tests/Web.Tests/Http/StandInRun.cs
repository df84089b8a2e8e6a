using FedAvg.Common.Orchestration;
using Microsoft.DurableTask;

namespace FedAvg.Common.Tests.Http;

/// <summary>
/// An orchestration under the run's name that waits until it is stopped: a run the handlers can
/// list and stop that stays unfinished (one with no orchestrator registered fails at once).
/// </summary>
internal static class StandInRun
{
    public static void Register(DurableTaskRegistry registry) =>
        registry.AddOrchestratorFunc<TrainingRequest, int>(ActivityNames.Orchestrator, (context, _) => context.WaitForExternalEvent<int>("never"));
}
