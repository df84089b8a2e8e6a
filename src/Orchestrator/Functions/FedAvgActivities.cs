using FedAvg.Common.Orchestration;
using FedAvg.Common.Orchestration.Activities;
using Microsoft.Azure.Functions.Worker;

namespace FedAvg.Orchestrator.Functions;

/// <summary>Activity triggers over the shared activity classes in FedAvg.Common.</summary>
public sealed class FedAvgActivities(FedAvgRuntime runtime)
{
    [Function(ActivityNames.PrepareRun)]
    public Task<PrepareRunResult> PrepareRunAsync([ActivityTrigger] PrepareRunInput input, FunctionContext context) =>
        new PrepareRunActivity(runtime).RunAsync(new FunctionActivityContext(ActivityNames.PrepareRun, context), input);

    [Function(ActivityNames.TrainClient)]
    public Task<TrainClientResult> TrainClientAsync([ActivityTrigger] TrainClientInput input, FunctionContext context) =>
        new TrainClientActivity(runtime).RunAsync(new FunctionActivityContext(ActivityNames.TrainClient, context), input);

    [Function(ActivityNames.SumUpdates)]
    public Task<SumUpdatesResult> SumUpdatesAsync([ActivityTrigger] SumUpdatesInput input, FunctionContext context) =>
        new SumUpdatesActivity(runtime).RunAsync(new FunctionActivityContext(ActivityNames.SumUpdates, context), input);

    [Function(ActivityNames.Aggregate)]
    public Task<AggregateResult> AggregateAsync([ActivityTrigger] AggregateInput input, FunctionContext context) =>
        new AggregateActivity(runtime).RunAsync(new FunctionActivityContext(ActivityNames.Aggregate, context), input);

    [Function(ActivityNames.Evaluate)]
    public Task<EvaluateResult> EvaluateAsync([ActivityTrigger] EvaluateInput input, FunctionContext context) =>
        new EvaluateActivity(runtime).RunAsync(new FunctionActivityContext(ActivityNames.Evaluate, context), input);

    [Function(ActivityNames.EvaluateClients)]
    public Task<EvaluateClientsResult> EvaluateClientsAsync([ActivityTrigger] EvaluateClientsInput input, FunctionContext context) =>
        new EvaluateClientsActivity(runtime).RunAsync(new FunctionActivityContext(ActivityNames.EvaluateClients, context), input);

    [Function(ActivityNames.DiscardUpdates)]
    public Task<DiscardUpdatesResult> DiscardUpdatesAsync([ActivityTrigger] DiscardUpdatesInput input, FunctionContext context) =>
        new DiscardUpdatesActivity(runtime).RunAsync(new FunctionActivityContext(ActivityNames.DiscardUpdates, context), input);

    [Function(ActivityNames.CompleteRun)]
    public Task<bool> CompleteRunAsync([ActivityTrigger] CompleteRunInput input, FunctionContext context) =>
        new CompleteRunActivity(runtime).RunAsync(new FunctionActivityContext(ActivityNames.CompleteRun, context), input);
}
