namespace FedAvg.Common.Orchestration;

/// <summary>Named starting points for a <see cref="TrainingRequest"/>.</summary>
public static class Presets
{
    /// <summary>The reference Python service's experiment, as it was configured.</summary>
    public static TrainingRequest Reference { get; } = new();

    /// <summary>Our recipe for the same 5 clients and alpha 0.5 within the same 10 rounds.</summary>
    public static TrainingRequest Recommended { get; } = new()
    {
        ClientsPerRound = 5,
        LocalEpochs = 5,
        LearningRate = 0.05,
        LearningRateSchedule = "cosine",
        WeightDecay = 5e-4,
        Augmentation = true,
    };

    public static IReadOnlyDictionary<string, TrainingRequest> All { get; } = new Dictionary<string, TrainingRequest>(StringComparer.OrdinalIgnoreCase)
    {
        ["reference"] = Reference,
        ["recommended"] = Recommended,
    };
}
