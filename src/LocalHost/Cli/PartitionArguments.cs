namespace FedAvg.LocalHost.Cli;

/// <summary><c>fedavg partition</c>: which split of the training images to show.</summary>
internal sealed record PartitionArguments(
    int Clients,
    double Alpha,
    string Kind,
    int Seed,
    int? TrainLimit,
    string? DataFolder,
    bool Json);
