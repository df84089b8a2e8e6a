namespace FedAvg.Common.Orchestration;

/// <summary>
/// A named set of training request values. A request starts from its preset and the values the user
/// gives go over it, so a value given explicitly always wins.
/// </summary>
/// <param name="Summary">One line for help and the schema.</param>
public sealed record Preset(string Name, string Summary, TrainingRequest Request);
