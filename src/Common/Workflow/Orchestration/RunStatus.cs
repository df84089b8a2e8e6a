using System.Text.Json.Serialization;

namespace FedAvg.Common.Orchestration;

/// <summary>One finished round, as shown while the run goes on and in its result.</summary>
/// <param name="ClientResults">Each trained client's own numbers; null in runs recorded before they were kept.</param>
/// <param name="Privacy">DP-FedAvg's clip, noise and ε after the round; null for a run without privacy.</param>
/// <param name="ClientEvaluation">The global model on the round's clients' held-out data; null when per-client evaluation is off.</param>
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
    IReadOnlyList<ClientRound>? ClientResults = null,
    int Participants = 0,
    long Samples = 0,
    RoundPrivacy? Privacy = null,
    ClientAccuracyDistribution? ClientEvaluation = null)
{
    /// <summary>
    /// The round as the run's status shows it: a round of more than <see cref="RunStatus.ListLimit"/> clients keeps only
    /// <see cref="Participants"/> and <see cref="Samples"/>, so the status of a run of hundreds of rounds stays small.
    /// The run's result keeps the lists.
    /// </summary>
    public RoundSummary Summarised() =>
        Clients.Count <= RunStatus.ListLimit && (ClientResults?.Count ?? 0) <= RunStatus.ListLimit ? this : this with { Clients = [], SampleCounts = [], ClientResults = null };
}

/// <summary>A client of the current round that has finished (or given up) its local training.</summary>
/// <param name="TrainLoss">Its mean training loss; null for a client that failed (and in runs recorded before it was kept).</param>
public sealed record ClientProgress(int Client, bool Succeeded, int Samples, double ImagesPerSecond, double TrainSeconds, double? TrainLoss = null);

/// <summary>
/// The orchestration's custom status: where the run is and what it has done so far. While a round runs, its phase and
/// finished clients come from the round's own orchestration (<see cref="RunProgress"/> reads the two together).
/// </summary>
/// <param name="TrainingClients">The clients of the current round; empty when there are more than <see cref="ListLimit"/>.</param>
/// <param name="History">The latest <see cref="HistoryLimit"/> finished rounds, each <see cref="RoundSummary.Summarised"/>; the run's result keeps them all.</param>
/// <param name="FailedClients">The clients given up in those rounds and the current one; the run's result keeps them all.</param>
/// <param name="FinishedClients">The current round's finished clients; null when it has more than <see cref="ListLimit"/>.</param>
/// <param name="TrainingClientCount">How many clients the current round trains, listed or not.</param>
/// <param name="FinishedClientCount">How many of them have finished (or given up), listed or not.</param>
public sealed record RunStatus(
    string Phase,
    int Round,
    int Rounds,
    IReadOnlyList<int> TrainingClients,
    IReadOnlyList<RoundSummary> History,
    IReadOnlyList<ClientFailure> FailedClients,
    IReadOnlyList<ClientShard>? Partition = null,
    IReadOnlyList<ClientProgress>? FinishedClients = null,
    int TrainingClientCount = 0,
    int FinishedClientCount = 0,
    RunStrategy? Strategy = null)
{
    /// <summary>Clients a status lists one by one; beyond this it counts them (the partition, a round's clients).</summary>
    public const int ListLimit = 20;

    /// <summary>
    /// Finished rounds a status carries. The status is one string property of a storage table row, at most 64 KiB: a
    /// 100-round run whose status held every round stopped updating it after round 60 (25 rounds serialise to ~17,600 characters).
    /// </summary>
    public const int HistoryLimit = 25;

    /// <summary>Rounds finished so far, whether or not <see cref="History"/> still holds them all (rounds finish in order).</summary>
    [JsonIgnore]
    public int RoundsDone => History.Count == 0 ? 0 : History[^1].Round;
}

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
    double WallSeconds,
    IReadOnlyList<int>? HostileClients = null,
    RunStrategy? Strategy = null);
