namespace FedAvg.LocalHost.Cli;

/// <summary><c>fedavg predict</c>: an image file and, optionally, the run whose model to use.</summary>
internal sealed record PredictArguments(string ImagePath, string? RunId, bool Json);
