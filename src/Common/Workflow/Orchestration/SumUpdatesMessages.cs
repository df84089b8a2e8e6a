namespace FedAvg.Common.Orchestration;

/// <param name="Group">The group's place in the round (0, 1, ...): its sums are added in this order.</param>
/// <param name="Updates">The group's updates, in client order.</param>
/// <param name="RoundSamples">The samples of every update of the round, which each update's share is taken of.</param>
public sealed record SumUpdatesInput(string RunId, int Round, int Group, IReadOnlyList<UpdateRef> Updates, long RoundSamples);

/// <summary>
/// <see cref="PartialBlob"/> is null when an update of the group was rejected (<see cref="Rejected"/>): every share then
/// changes, so the orchestrator sums the round again without the rejected.
/// </summary>
public sealed record SumUpdatesResult(
    int Group,
    string? PartialBlob,
    long Samples,
    IReadOnlyList<ClientFailure> Rejected,
    double Seconds,
    double TransferSeconds,
    long Bytes,
    ActivityTiming Timing);

/// <summary>A group's sums as the Aggregate activity combines them.</summary>
public sealed record PartialSumRef(string Blob, long Samples);
