namespace FedAvg.Common.Orchestration;

public sealed record UpdateRef(int Client, string Blob, int Samples);

public sealed record AggregateInput(
    string RunId,
    int Round,
    string Model,
    string PreviousGlobalBlob,
    IReadOnlyList<UpdateRef> Updates,
    int MinUpdates,
    double ServerLearningRate,
    double ServerMomentum,
    string? PreviousMomentumBlob);

public sealed record ClientFailure(int Round, int Client, string Reason);

/// <summary>
/// <see cref="GlobalModelBlob"/> is null when fewer than the minimum number of updates were usable;
/// no model is written then.
/// </summary>
public sealed record AggregateResult(
    string? GlobalModelBlob,
    string? MomentumBlob,
    IReadOnlyList<int> Accepted,
    IReadOnlyList<ClientFailure> Rejected,
    double Seconds,
    double TransferSeconds,
    long Bytes,
    ActivityTiming Timing);
