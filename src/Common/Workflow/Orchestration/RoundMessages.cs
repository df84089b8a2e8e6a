namespace FedAvg.Common.Orchestration;

/// <summary>A selected client of a round and where its data is.</summary>
/// <param name="ControlBlob">SCAFFOLD only: the client's control c_i from its last accepted round, or null (zeros) before it.</param>
public sealed record RoundClient(int Client, string ShardBlob, string? ControlBlob = null);

public sealed record RoundInput(
    string RunId,
    int Round,
    TrainingRequest Request,
    IReadOnlyList<RoundClient> Clients,
    string GlobalModelBlob,
    string? MomentumBlob,
    double LearningRate,
    string? SecondMomentBlob = null,
    string? ServerControlBlob = null,
    double? ClipNorm = null);

/// <summary>
/// What a round produced. <see cref="Summary"/> is null when too few updates were usable; <see cref="Error"/> then says
/// which clients failed and why.
/// </summary>
/// <param name="BusySeconds">The union of the round's activity intervals: the rest of its wall time is overhead.</param>
public sealed record RoundOutcome(
    RoundSummary? Summary,
    string? MomentumBlob,
    IReadOnlyList<ClientFailure> Failures,
    double BusySeconds,
    string? Error,
    string? SecondMomentBlob = null,
    string? ServerControlBlob = null);
