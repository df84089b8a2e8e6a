namespace FedAvg.Common.Training;

/// <summary>
/// The client algorithms by the name a training request gives them: plain local SGD (FedAvg's), FedProx (Li et al.
/// 2020: <see cref="LocalTrainingOptions.ProximalMu"/>) or SCAFFOLD (Karimireddy et al. 2020, option II:
/// <see cref="LocalTrainingOptions.Scaffold"/>).
/// </summary>
public static class ClientAlgorithmNames
{
    public const string Sgd = "sgd";

    public const string FedProx = "fedprox";

    public const string Scaffold = "scaffold";

    public static IReadOnlyList<string> All { get; } = [Sgd, FedProx, Scaffold];
}
