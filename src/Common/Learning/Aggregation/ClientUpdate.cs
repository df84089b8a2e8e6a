using FedAvg.Common.Models;

namespace FedAvg.Common.Aggregation;

/// <summary>One client's locally trained weights and the number of samples it trained on (its FedAvg weight).</summary>
public sealed record ClientUpdate(string ClientId, ModelWeights Weights, long Samples);
