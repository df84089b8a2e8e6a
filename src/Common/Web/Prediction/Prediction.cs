namespace FedAvg.Common.Prediction;

/// <summary>Which global model answered.</summary>
public sealed record ModelIdentity(string RunId, int Round, string Model);

/// <summary>A classification: the label, its index, every class's probability and the model that answered.</summary>
public sealed record Prediction(string Label, int ClassIndex, IReadOnlyDictionary<string, double> Probabilities, ModelIdentity Model);
