using FedAvg.Common.Training;

namespace FedAvg.Benchmarks.Simulation;

/// <summary>One simulated round: who trained, at what learning rate, and the global model's test result after it.</summary>
internal sealed record RoundResult(int Round, int[] Clients, double LearningRate, double TrainLoss, EvaluationResult Test, TimeSpan Elapsed, double ImagesPerSecond);
