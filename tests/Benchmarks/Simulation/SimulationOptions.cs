using FedAvg.Common.Aggregation;

namespace FedAvg.Benchmarks.Simulation;

/// <summary>One FedAvg recipe, simulated in memory.</summary>
internal sealed record SimulationOptions
{
    public string Model { get; init; } = "seed-cnn";

    public int Rounds { get; init; } = 10;

    public int Clients { get; init; } = 5;

    public int ClientsPerRound { get; init; } = 3;

    public double Alpha { get; init; } = 0.5;

    public int PartitionSeed { get; init; } = 42;

    public long Seed { get; init; } = 1;

    public int Epochs { get; init; } = 7;

    public int BatchSize { get; init; } = 64;

    public double LearningRate { get; init; } = 0.03;

    public double Momentum { get; init; } = 0.9;

    public double WeightDecay { get; init; }

    public bool Augment { get; init; }

    /// <summary>constant, or cosine: lr·½(1 + cos(π·round/rounds)) per round.</summary>
    public string Schedule { get; init; } = "constant";

    public ServerOptimizerOptions Server { get; init; } = new();

    /// <summary>Share of each client's data used (probes run on a subset).</summary>
    public double DataFraction { get; init; } = 1.0;

    /// <summary>Test images evaluated after each round (all 10,000 by default).</summary>
    public int TestImages { get; init; } = 10_000;

    /// <summary>Clients trained at once, each with TorchThreads / ParallelClients torch threads.</summary>
    public int ParallelClients { get; init; } = 1;

    public int TorchThreads { get; init; } = 2;

    public double RoundLearningRate(int round) => Schedule switch
    {
        "constant" => LearningRate,
        "cosine" => LearningRate * 0.5 * (1 + Math.Cos(Math.PI * round / Rounds)),
        _ => throw new InvalidOperationException($"Unknown schedule '{Schedule}'."),
    };
}
