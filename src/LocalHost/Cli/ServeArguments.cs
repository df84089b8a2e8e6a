namespace FedAvg.LocalHost.Cli;

/// <summary><c>fedavg serve</c>: the loopback port and, optionally, a CIFAR-10 folder.</summary>
internal sealed record ServeArguments(int Port, string? DataFolder);
