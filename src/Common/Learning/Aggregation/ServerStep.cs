using FedAvg.Common.Models;

namespace FedAvg.Common.Aggregation;

/// <summary>
/// The new global model and the optimiser state the caller must keep for the next round, both over the model's
/// parameters only: <see cref="Momentum"/> is FedAvgM's velocity or the adaptive optimisers' first moment;
/// <see cref="SecondMoment"/> is FedAdam's, FedYogi's or FedAdagrad's v, and null for FedAvg.
/// </summary>
public sealed record ServerStep(ModelWeights Global, ModelWeights Momentum, ModelWeights? SecondMoment = null);
