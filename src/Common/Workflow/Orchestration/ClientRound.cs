namespace FedAvg.Common.Orchestration;

/// <summary>One client's local training in a finished round, as the run's page tabulates it per client.</summary>
/// <param name="Accepted">Whether aggregation used its update (NaN/Inf, wrong shape or architecture are rejected).</param>
public sealed record ClientRound(int Client, int Samples, double TrainLoss, double TrainSeconds, double ImagesPerSecond, bool Accepted);
