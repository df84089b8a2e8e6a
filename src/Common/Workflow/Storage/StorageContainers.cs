namespace FedAvg.Common.Storage;

/// <summary>The product's blob containers: shared data sets, per-run working files, global models.</summary>
public sealed record StorageContainers(string Data = "data", string Runs = "runs", string Models = "models");
