namespace FedAvg.Common.Orchestration;

public sealed record CompleteRunInput(string RunId, RunResult Result);

/// <summary>The pointer at the newest completed global model, read by predict.</summary>
public sealed record LatestModel(string RunId, int Round, string Model, string Blob, double Accuracy, DateTimeOffset CompletedAt);
