namespace FedAvg.Common.Orchestration;

/// <summary>One finished round, as shown while the run goes on and in its result.</summary>
public sealed record RoundSummary(
    int Round,
    IReadOnlyList<int> Clients,
    IReadOnlyList<int> SampleCounts,
    double TestAccuracy,
    double TestLoss,
    double TrainLoss,
    double LearningRate,
    double WallSeconds,
    double TrainSeconds,
    double TransferSeconds,
    double AggregationSeconds,
    double EvaluationSeconds,
    double OverheadSeconds,
    double ImagesPerSecond,
    string GlobalModelBlob);

/// <summary>A client of the current round that has finished (or given up) its local training.</summary>
public sealed record ClientProgress(int Client, bool Succeeded, int Samples, double ImagesPerSecond, double TrainSeconds);

/// <summary>The orchestration's custom status: where the run is and what it has done so far.</summary>
public sealed record RunStatus(
    string Phase,
    int Round,
    int Rounds,
    IReadOnlyList<int> TrainingClients,
    IReadOnlyList<RoundSummary> History,
    IReadOnlyList<ClientFailure> FailedClients,
    IReadOnlyList<ClientShard>? Partition = null,
    IReadOnlyList<ClientProgress>? FinishedClients = null);

public sealed record RunResult(
    string RunId,
    string Model,
    int Rounds,
    double FinalAccuracy,
    double FinalLoss,
    string FinalModelBlob,
    IReadOnlyList<RoundSummary> History,
    IReadOnlyList<ClientFailure> FailedClients,
    IReadOnlyList<ClientShard> Partition,
    double WallSeconds);
