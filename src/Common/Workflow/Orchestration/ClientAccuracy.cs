namespace FedAvg.Common.Orchestration;

/// <summary>The global model's accuracy on one client's held-out samples.</summary>
public sealed record ClientAccuracy(int Client, int Samples, double Accuracy);
