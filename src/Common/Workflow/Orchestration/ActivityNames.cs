namespace FedAvg.Common.Orchestration;

/// <summary>The names the orchestrator schedules; every host registers the activities under them.</summary>
public static class ActivityNames
{
    public const string Orchestrator = "FedAvgRun";

    /// <summary>One round of a run, a sub-orchestration of <see cref="Orchestrator"/>.</summary>
    public const string Round = "FedAvgRound";

    public const string PrepareRun = "PrepareRun";
    public const string TrainClient = "TrainClient";
    public const string Aggregate = "Aggregate";

    /// <summary>A fan-in tree's leaf: the sums of one group of a round's updates, combined by <see cref="Aggregate"/>.</summary>
    public const string SumUpdates = "SumUpdates";
    public const string Evaluate = "Evaluate";

    /// <summary>Per-client evaluation: the global model on the round's clients' held-out data.</summary>
    public const string EvaluateClients = "EvaluateClients";
    public const string DiscardUpdates = "DiscardUpdates";
    public const string CompleteRun = "CompleteRun";
}
