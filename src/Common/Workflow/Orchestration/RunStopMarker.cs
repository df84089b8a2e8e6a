namespace FedAvg.Common.Orchestration;

/// <summary>What a stopped run's marker blob says: who stopped it, why and when (for whoever looks).</summary>
public sealed record RunStopMarker(string RunId, string Reason, DateTimeOffset StoppedAt);
