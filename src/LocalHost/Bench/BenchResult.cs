using FedAvg.Common.Orchestration;

namespace FedAvg.LocalHost.Bench;

/// <summary>One round as measured by the benchmark: the run's own timings plus this process's memory.</summary>
/// <param name="ResidentMegabytes">This process when the round was first seen done; null if the benchmark never saw it (no status showed it).</param>
/// <param name="PureTrainingSeconds">The round's images at the run's own training throughput: the round with no overhead at all.</param>
internal sealed record BenchRound(
    int Round,
    double TestAccuracy,
    double TestLoss,
    double WallSeconds,
    double TrainSeconds,
    double TransferSeconds,
    double AggregationSeconds,
    double EvaluationSeconds,
    double OverheadSeconds,
    double OverheadPercent,
    double ImagesPerSecond,
    double? ResidentMegabytes,
    double? PeakResidentMegabytes,
    int Clients = 0,
    long Images = 0,
    double PureTrainingSeconds = 0);

/// <summary>A target from the benchmark's brief, and whether this run met it (and by how much it missed).</summary>
internal sealed record BenchCheck(string Target, bool Met, string Measured);

/// <summary>What bench/results/&lt;name&gt;.json holds.</summary>
/// <param name="StorageBytes">What the run left in blob storage (its shards, global models and result), in bytes.</param>
internal sealed record BenchResult(
    string Name,
    string RunId,
    TrainingRequest Request,
    DateTimeOffset StartedAt,
    string Machine,
    double WallSeconds,
    double FinalAccuracy,
    double FinalLoss,
    double PeakResidentMegabytes,
    IReadOnlyList<BenchRound> Rounds,
    IReadOnlyList<ClientFailure> FailedClients,
    IReadOnlyList<BenchCheck> Checks,
    int StorageBlobs = 0,
    long StorageBytes = 0);
