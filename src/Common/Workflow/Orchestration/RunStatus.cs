namespace FedAvg.Common.Orchestration;

/// <summary>One finished round, as shown while the run goes on and in its result.</summary>
/// <param name="ClientResults">Each trained client's own numbers; null in runs recorded before they were kept.</param>
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
    string GlobalModelBlob,
    IReadOnlyList<ClientRound>? ClientResults = null);

/// <summary>A client of the current round that has finished (or given up) its local training.</summary>
/// <param name="TrainLoss">Its mean training loss; null for a client that failed (and in runs recorded before it was kept).</param>
public sealed record ClientProgress(int Client, bool Succeeded, int Samples, double ImagesPerSecond, double TrainSeconds, double? TrainLoss = null);

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
