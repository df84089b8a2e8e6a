using static FedAvg.Common.Training.OptionRule;

namespace FedAvg.Common.Aggregation;

/// <summary>
/// The server's step from the clients' average to the next global model. The defaults, FedAvg with learning rate 1
/// and momentum 0, are plain FedAvg. <see cref="Beta1"/>, <see cref="Beta2"/> and <see cref="Tau"/> are the adaptive
/// optimisers' (defaults as Reddi et al. 2021 fix them in their experiments: β₁ 0.9, β₂ 0.99, τ 1e-3). Adaptive
/// steps move each coordinate by about <see cref="LearningRate"/>, so they want a far smaller one than FedAvg's 1
/// (Reddi et al. found 10^-2 to 10^-1 best for FedAdam and FedYogi on CIFAR-10).
/// </summary>
public sealed record ServerOptimizerOptions
{
    /// <summary>τ's range: τ² is the second moment's start, and must stay a normal float32 for the square root to mean anything.</summary>
    public const double MinTau = 1e-9;

    public const double MaxTau = 1;

    /// <summary>One of <see cref="ServerOptimizerNames.All"/>.</summary>
    public string Optimizer { get; init; } = ServerOptimizerNames.FedAvg;

    public double LearningRate { get; init; } = 1.0;

    /// <summary>FedAvgM's momentum; only for <see cref="ServerOptimizerNames.FedAvg"/> (the adaptive ones use <see cref="Beta1"/>).</summary>
    public double Momentum { get; init; }

    /// <summary>Decay of the first moment (the pseudo-gradient's moving average).</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Decay of FedAdam's and FedYogi's second moment; FedAdagrad sums squares without decay and ignores it.</summary>
    public double Beta2 { get; init; } = 0.99;

    /// <summary>Adaptivity: added to √v in the denominator, and the second moment starts at τ².</summary>
    public double Tau { get; init; } = 1e-3;

    public bool IsPlainFedAvg => Optimizer == ServerOptimizerNames.FedAvg && LearningRate == 1.0 && Momentum == 0.0;

    /// <summary>FedAdam, FedYogi or FedAdagrad, which keep a second moment besides the first.</summary>
    public bool IsAdaptive => Optimizer is ServerOptimizerNames.FedAdam or ServerOptimizerNames.FedYogi or ServerOptimizerNames.FedAdagrad;

    /// <exception cref="ArgumentException">A field is out of range; the exception's ParamName names it.</exception>
    public void Validate()
    {
        Require(ServerOptimizerNames.All.Contains(Optimizer), Optimizer, nameof(Optimizer), $"must be one of {string.Join(", ", ServerOptimizerNames.All)}");
        Require(double.IsFinite(LearningRate) && LearningRate > 0 && LearningRate <= 10, LearningRate, nameof(LearningRate), "must be in (0, 10]");
        Require(Momentum is >= 0 and < 1, Momentum, nameof(Momentum), "must be in [0, 1)");
        Require(!IsAdaptive || Momentum == 0, Momentum, nameof(Momentum), $"applies only to {ServerOptimizerNames.FedAvg} (FedAvgM); {Optimizer} uses {nameof(Beta1)} instead, so it must be 0");
        Require(Beta1 is >= 0 and < 1, Beta1, nameof(Beta1), "must be in [0, 1)");
        Require(Beta2 is >= 0 and < 1, Beta2, nameof(Beta2), "must be in [0, 1)");
        Require(Tau is >= MinTau and <= MaxTau, Tau, nameof(Tau), $"must be in [{MinTau}, {MaxTau}]");
    }
}
