using FedAvg.Common.Adversaries;

namespace FedAvg.Common.Orchestration;

public sealed record TrainClientInput(
    string RunId,
    int Round,
    int Client,
    string ShardBlob,
    string GlobalModelBlob,
    string Model,
    int Epochs,
    int BatchSize,
    double LearningRate,
    double Momentum,
    double WeightDecay,
    bool Augmentation,
    long Seed,
    ClientAttack? Attack = null,
    double ProximalMu = 0,
    ScaffoldBlobs? Scaffold = null,
    ClientHoldOut? HoldOut = null,
    double LogitAdjustment = 0);

/// <summary>
/// SCAFFOLD's control variates a client trains with: the server's c of the previous round and the client's own c_i
/// from its last accepted round; null blobs are zeros (no round yet).
/// </summary>
public sealed record ScaffoldBlobs(string? ServerControlBlob, string? ClientControlBlob);

/// <param name="ControlDeltaBlob">SCAFFOLD only: c_i⁺ − c_i, for the server's control; the new c_i itself is at
/// <see cref="Storage.BlobNames.ClientControl"/> of this round.</param>
public sealed record TrainClientResult(
    int Client,
    string UpdateBlob,
    int Samples,
    double TrainLoss,
    double TrainAccuracy,
    double TrainSeconds,
    double TransferSeconds,
    double ImagesPerSecond,
    ActivityTiming Timing,
    string? ControlDeltaBlob = null);
