namespace FedAvg.LocalHost.Cli;

/// <summary>
/// <c>fedavg train</c>: the training options the user set (null: the preset's value), or a run to
/// resume, and how to report.
/// </summary>
internal sealed record TrainArguments
{
    public string Preset { get; init; } = "reference";

    public int? Rounds { get; init; }

    public int? Clients { get; init; }

    public string? Partition { get; init; }

    public double? Alpha { get; init; }

    public int? ClientsPerRound { get; init; }

    public double? Fraction { get; init; }

    public int? LocalEpochs { get; init; }

    public int? BatchSize { get; init; }

    public double? LearningRate { get; init; }

    public string? LearningRateSchedule { get; init; }

    public double? Momentum { get; init; }

    public double? WeightDecay { get; init; }

    public bool? Augmentation { get; init; }

    public string? Model { get; init; }

    public int? Seed { get; init; }

    public int? TrainLimit { get; init; }

    public int? TestLimit { get; init; }

    /// <summary>A CIFAR-10 folder the user named, validated; null: FEDAVG_DATA, ./data, else a download.</summary>
    public string? DataFolder { get; init; }

    /// <summary>Print only the final report as JSON on stdout.</summary>
    public bool Json { get; init; }

    /// <summary>Wait for this existing run instead of starting one.</summary>
    public string? ResumeId { get; init; }

    /// <summary>Where runs/&lt;id&gt;/report.json goes.</summary>
    public string RunsFolder { get; init; } = "runs";
}
