namespace FedAvg.Common.Orchestration;

/// <summary>A round's global model to evaluate on each listed client's held-out part; only blob names and seeds.</summary>
public sealed record EvaluateClientsInput(string RunId, int Round, string Model, string GlobalModelBlob, IReadOnlyList<HeldOutShard> Clients);

/// <summary>A client's shard and which of its samples are held out.</summary>
public sealed record HeldOutShard(int Client, string ShardBlob, ClientHoldOut HoldOut);

/// <param name="Distribution">Null when no listed client held out a sample.</param>
public sealed record EvaluateClientsResult(ClientAccuracyDistribution? Distribution, double Seconds, ActivityTiming Timing);
