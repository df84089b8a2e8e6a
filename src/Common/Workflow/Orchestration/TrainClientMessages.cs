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
    ClientAttack? Attack = null);

public sealed record TrainClientResult(
    int Client,
    string UpdateBlob,
    int Samples,
    double TrainLoss,
    double TrainAccuracy,
    double TrainSeconds,
    double TransferSeconds,
    double ImagesPerSecond,
    ActivityTiming Timing);
