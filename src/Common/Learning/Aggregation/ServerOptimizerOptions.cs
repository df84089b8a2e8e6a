namespace FedAvg.Common.Aggregation;

/// <summary>
/// FedAvgM's server step (Hsu et al., 2019). The defaults, learning rate 1 and momentum 0, are plain FedAvg.
/// </summary>
public sealed record ServerOptimizerOptions
{
    public double LearningRate { get; init; } = 1.0;

    public double Momentum { get; init; }

    public bool IsPlainFedAvg => LearningRate == 1.0 && Momentum == 0.0;

    /// <exception cref="ArgumentException">A field is out of range; the exception's ParamName names it.</exception>
    public void Validate()
    {
        if (!(double.IsFinite(LearningRate) && LearningRate > 0 && LearningRate <= 10))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, $"{nameof(LearningRate)} must be in (0, 10]; got {LearningRate}.");
        }

        if (!(Momentum >= 0 && Momentum < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Momentum), Momentum, $"{nameof(Momentum)} must be in [0, 1); got {Momentum}.");
        }
    }
}
