namespace FedAvg.Common.Aggregation;

/// <summary>
/// The server optimisers by the name a training request gives them. <see cref="FedAvg"/> is plain averaging, or
/// FedAvgM (Hsu et al., 2019) with server momentum; the other three are the adaptive optimisers of Reddi et al.
/// (2021), "Adaptive Federated Optimization", Algorithm 2. The values are what a training request's serverOptimizer takes.
/// </summary>
public static class ServerOptimizerNames
{
    public const string FedAvg = "avgm";

    public const string FedAdam = "adam";

    public const string FedYogi = "yogi";

    public const string FedAdagrad = "adagrad";

    public static IReadOnlyList<string> All { get; } = [FedAvg, FedAdam, FedYogi, FedAdagrad];
}
