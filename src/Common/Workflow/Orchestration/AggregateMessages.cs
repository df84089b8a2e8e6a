using System.Globalization;
using System.Text.Json.Serialization;
using FedAvg.Common.Aggregation;
using FedAvg.Common.Privacy;

namespace FedAvg.Common.Orchestration;

/// <param name="ControlDeltaBlob">SCAFFOLD only: the client's c_i⁺ − c_i, which moves the server's control if the update is accepted.</param>
public sealed record UpdateRef(int Client, string Blob, int Samples, string? ControlDeltaBlob = null)
{
    /// <summary>The client as the aggregators name it (<see cref="Aggregation.ClientUpdate.ClientId"/>); derived, so not serialised.</summary>
    [JsonIgnore]
    public string ClientId => Client.ToString(CultureInfo.InvariantCulture);
}

/// <param name="Partials">
/// A fan-in tree's group sums, in group order, over exactly <paramref name="Updates"/> (already checked): they are
/// combined instead of the updates being folded here.
/// </param>
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
    AggregatorOptions? Aggregation = null,
    ServerStateInput? Server = null,
    PrivacyInput? Privacy = null,
    IReadOnlyList<PartialSumRef>? Partials = null);

/// <summary>DP-FedAvg's round: what the aggregator is given in place of the mean (<see cref="DpFedAvgAggregator"/>).</summary>
/// <param name="ClipNorm">This round's clip: the request's in the first round, then the previous round's next one.</param>
/// <param name="NoiseSeed">From the run's seed and the round, so a retried aggregation draws the same noise.</param>
/// <param name="SamplingRate">q = clients selected a round / clients, for the accountant.</param>
public sealed record PrivacyInput(DifferentialPrivacyOptions Options, double ClipNorm, long NoiseSeed, double SamplingRate);

/// <summary>
/// The server optimiser as the request chooses it, and the state the previous round left: the adaptive optimisers'
/// second moment (their first is the momentum blob) and SCAFFOLD's server control. Null blobs are the first round's.
/// </summary>
/// <param name="Clients">N, every client of the federation: SCAFFOLD's server control moves by 1/N of the deltas' sum.</param>
public sealed record ServerStateInput(
    string Optimizer,
    double Beta1,
    double Beta2,
    double Tau,
    string? PreviousSecondMomentBlob,
    bool Scaffold,
    string? PreviousServerControlBlob,
    int Clients);

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
    string? Error = null,
    string? SecondMomentBlob = null,
    string? ServerControlBlob = null,
    RoundPrivacy? Privacy = null);
