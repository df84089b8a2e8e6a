using FedAvg.Common.Aggregation;

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
    string? PreviousMomentumBlob,
    AggregatorOptions? Aggregation = null);

public sealed record ClientFailure(int Round, int Client, string Reason);

/// <summary>
/// <see cref="GlobalModelBlob"/> is null when fewer than the minimum number of updates were usable;
/// no model is written then. <see cref="Error"/> says why when it was the aggregator that refused the round (too few
/// updates for Krum's f), not a lack of usable updates.
/// </summary>
public sealed record AggregateResult(
    string? GlobalModelBlob,
    string? MomentumBlob,
    IReadOnlyList<int> Accepted,
    IReadOnlyList<ClientFailure> Rejected,
    double Seconds,
    double TransferSeconds,
    long Bytes,
    ActivityTiming Timing,
    string? Error = null);
