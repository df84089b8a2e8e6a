using FedAvg.Common.Orchestration;

namespace FedAvg.LocalHost.Cli;

/// <summary><c>fedavg partition</c>: the request whose split to show (its partition fields as given, the rest the default preset's).</summary>
/// <param name="OptionName">A request field's option as the user typed it, for problems found after parsing.</param>
internal sealed record PartitionArguments(TrainingRequest Request, string? DataFolder, bool Json, Func<string, string> OptionName);
