using FedAvg.Common.Models;

namespace FedAvg.Common.Aggregation;

/// <summary>
/// The new global model, and the server momentum buffer the caller must keep for the next round (its tensors are
/// the model's parameters only).
/// </summary>
public sealed record ServerStep(ModelWeights Global, ModelWeights Momentum);
