using FedAvg.Common.Models;

namespace FedAvg.Common.Training;

/// <summary>
/// What one local training did. <see cref="Samples"/> is the client's dataset size, its weight in FedAvg;
/// loss and accuracy are over the last epoch's batches, measured in training mode (dropout on, augmented images).
/// <see cref="ClientControl"/> is SCAFFOLD's new c_i, null when trained without control variates.
/// </summary>
public sealed record LocalTrainingResult(
    long Samples,
    int Epochs,
    double MeanLoss,
    double TrainingAccuracy,
    TimeSpan Duration,
    double ImagesPerSecond,
    ModelWeights? ClientControl = null);
