namespace FedAvg.Common.Training;

/// <summary>Reported after each local epoch.</summary>
public sealed record TrainingProgress(int Epoch, int Epochs, double MeanLoss, double Accuracy, long ImagesProcessed, TimeSpan Elapsed);
