namespace FedAvg.Common.Orchestration;

public sealed record PrepareRunInput(string RunId, TrainingRequest Request);

/// <summary>One client's data as stored: its shard blob, size and labels.</summary>
public sealed record ClientShard(int Client, string Blob, int Samples, int[] ClassHistogram);

public sealed record PrepareRunResult(
    string InitialModelBlob,
    IReadOnlyList<ClientShard> Clients,
    int TrainSamples,
    int TestSamples,
    string DataSource);
