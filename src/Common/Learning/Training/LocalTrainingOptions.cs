using static FedAvg.Common.Training.OptionRule;

namespace FedAvg.Common.Training;

/// <summary>How one client trains the global model on its own data in one round.</summary>
public sealed record LocalTrainingOptions
{
    /// <summary>The largest τ of <see cref="LogitAdjustment"/>: beyond a few, the offsets swamp what the model learns.</summary>
    public const double MaxLogitAdjustment = 10;

    public int Epochs { get; init; } = 1;

    /// <summary>At least 2: BatchNorm cannot normalise a batch of one sample in training mode.</summary>
    public int BatchSize { get; init; } = 64;

    public double LearningRate { get; init; } = 0.03;

    public double Momentum { get; init; } = 0.9;

    /// <summary>L2 penalty applied by SGD to every parameter.</summary>
    public double WeightDecay { get; init; }

    /// <summary>Random 4-pixel-padded crops and horizontal flips of the training images.</summary>
    public bool Augment { get; init; }

    /// <summary>
    /// FedProx's μ (Li et al. 2020): adds μ/2·‖w − w_global‖² to each batch's loss, w_global being the weights the
    /// training starts from, which pulls the client toward the global model on skewed data. 0 is plain FedAvg training;
    /// Li et al. tried 0.001 to 1.
    /// </summary>
    public double ProximalMu { get; init; }

    /// <summary>
    /// SCAFFOLD's control variates (Karimireddy et al. 2020), or null for none: each step then follows g + c − c_i, and
    /// the result carries the client's new c_i. Zero variates train exactly as without.
    /// </summary>
    public ScaffoldControls? Scaffold { get; init; }

    /// <summary>
    /// τ of the logit-adjusted loss (<see cref="Training.LogitAdjustment"/>): the cross-entropy is over logits + τ·log π, π the
    /// client's own label frequencies. 0 is the plain cross-entropy; 1 is the balanced softmax.
    /// </summary>
    public double LogitAdjustment { get; init; }

    /// <summary>Drives shuffling, augmentation and dropout; derive it per round and client with <see cref="SeedMixer"/>.</summary>
    public long Seed { get; init; }

    /// <exception cref="ArgumentException">A field is out of range; the exception's ParamName names it.</exception>
    public void Validate()
    {
        Require(Epochs is >= 1 and <= 1000, Epochs, nameof(Epochs), "must be between 1 and 1000");
        Require(BatchSize is >= 2 and <= 65536, BatchSize, nameof(BatchSize), "must be between 2 and 65536 (BatchNorm needs at least 2 samples a batch)");
        Require(double.IsFinite(LearningRate) && LearningRate > 0 && LearningRate <= 10, LearningRate, nameof(LearningRate), "must be in (0, 10]");
        Require(Momentum is >= 0 and < 1, Momentum, nameof(Momentum), "must be in [0, 1)");
        Require(WeightDecay is >= 0 and < 1, WeightDecay, nameof(WeightDecay), "must be in [0, 1)");
        Require(ProximalMu is >= 0 and <= 100, ProximalMu, nameof(ProximalMu), "must be in [0, 100]");
        Require(LogitAdjustment is >= 0 and <= MaxLogitAdjustment, LogitAdjustment, nameof(LogitAdjustment), $"must be in [0, {MaxLogitAdjustment}]");
        try
        {
            Scaffold?.Validate();
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{nameof(Scaffold)}: {e.Message}", nameof(Scaffold), e);
        }
    }
}
