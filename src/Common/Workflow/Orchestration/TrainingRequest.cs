using FedAvg.Common.Adversaries;
using FedAvg.Common.Aggregation;
using FedAvg.Common.Privacy;
using System.Text.Json.Serialization;
using FedAvg.Common.Training;

namespace FedAvg.Common.Orchestration;

/// <summary>
/// Everything that defines a training run. The initialisers are the reference experiment
/// (<see cref="Presets.Reference"/>); a request that names no preset starts from
/// <see cref="Presets.Default"/> instead. Each property is described, ranged and exposed to JSON,
/// the CLI and the schema by its entry in <see cref="TrainingRequestFields"/>.
/// </summary>
public sealed record TrainingRequest
{
    public int Rounds { get; init; } = 10;

    public int Clients { get; init; } = 5;

    /// <summary>"dirichlet" (label skew controlled by <see cref="Alpha"/>) or "iid".</summary>
    public string Partition { get; init; } = "dirichlet";

    public double Alpha { get; init; } = 0.5;

    /// <summary>Clients trained each round; when null, <see cref="Fraction"/> of <see cref="Clients"/>.</summary>
    public int? ClientsPerRound { get; init; }

    public double Fraction { get; init; } = 0.6;

    public int MinClientsPerRound { get; init; } = 1;

    public int LocalEpochs { get; init; } = 7;

    public int BatchSize { get; init; } = 64;

    public double LearningRate { get; init; } = 0.03;

    /// <summary>"constant" or "cosine" (decays the client learning rate across rounds).</summary>
    public string LearningRateSchedule { get; init; } = "constant";

    public double Momentum { get; init; } = 0.9;

    public double WeightDecay { get; init; }

    /// <summary>One of <see cref="ClientAlgorithmNames.All"/>: sgd (plain FedAvg), fedprox or scaffold.</summary>
    public string ClientAlgorithm { get; init; } = ClientAlgorithmNames.Sgd;

    /// <summary>FedProx's μ; used by fedprox only, where 0 trains as sgd.</summary>
    public double ProximalMu { get; init; } = 0.01;

    /// <summary>τ of the logit-adjusted local loss, with any client algorithm; 0 is the plain cross-entropy.</summary>
    public double LogitAdjustment { get; init; }

    /// <summary>One of <see cref="ServerOptimizerNames.All"/>: avgm (FedAvg, FedAvgM with server momentum), adam, yogi or adagrad.</summary>
    public string ServerOptimizer { get; init; } = ServerOptimizerNames.FedAvg;

    /// <summary>The adaptive server optimisers' β₁, β₂ and τ; the defaults are the kernel's (Reddi et al. 2021).</summary>
    public double ServerBeta1 { get; init; } = DefaultServer.Beta1;

    public double ServerBeta2 { get; init; } = DefaultServer.Beta2;

    public double ServerTau { get; init; } = DefaultServer.Tau;

    /// <summary>Random crop with 4-pixel padding and horizontal flip during local training.</summary>
    public bool Augmentation { get; init; }

    public string Model { get; init; } = "seed-cnn";

    public int Seed { get; init; } = 42;

    /// <summary>Server learning rate of the FedAvgM update; 1 with zero momentum is plain FedAvg.</summary>
    public double ServerLearningRate { get; init; } = 1.0;

    /// <summary>Server momentum (FedAvgM); 0 is plain FedAvg.</summary>
    public double ServerMomentum { get; init; }

    /// <summary>How the round's updates are combined: one of <see cref="UpdateAggregators.Names"/>.</summary>
    public string Aggregator { get; init; } = UpdateAggregators.FedAvg;

    /// <summary>trimmed-mean's share of the updates dropped at each end of every coordinate.</summary>
    public double TrimBeta { get; init; } = new AggregatorOptions().TrimFraction;

    /// <summary>
    /// The fan-in tree's group: with the fedavg aggregator and no privacy, a round of more updates than this sums each
    /// group of this many (in client order) in an activity of its own, in parallel, and one activity combines the sums
    /// (<see cref="FedAvgPartialSums"/>). 0: one activity folds every update.
    /// </summary>
    public int AggregationGroup { get; init; }

    /// <summary>krum's and multi-krum's f: hostile clients assumed among a round's updates.</summary>
    public int ByzantineClients { get; init; }

    /// <summary>What the hostile clients do: one of <see cref="ClientAttacks.Names"/>.</summary>
    public string Attack { get; init; } = ClientAttacks.None;

    /// <summary>How many of the clients are hostile, drawn from the seed (<see cref="HostileClients"/>).</summary>
    public int Attackers { get; init; }

    /// <summary>The factor of the sign-flip and scale attacks.</summary>
    public double AttackScale { get; init; } = 10;

    /// <summary>One of <see cref="PrivacyNames.All"/>: none, or client-level DP-FedAvg (needs a model without buffers).</summary>
    public string Privacy { get; init; } = PrivacyNames.None;

    /// <summary>DP-FedAvg's C: each client's change is clipped to this L2 norm (the first round's, with adaptive clipping).</summary>
    public double DpClipNorm { get; init; } = DefaultPrivacy.ClipNorm;

    /// <summary>DP-FedAvg's z: the noise's standard deviation in units of the clip.</summary>
    public double DpNoiseMultiplier { get; init; } = DefaultPrivacy.NoiseMultiplier;

    /// <summary>The δ that ε is reported for.</summary>
    public double DpDelta { get; init; } = DefaultPrivacy.Delta;

    /// <summary>Andrew et al. 2021: the clip follows the median of the clients' update norms.</summary>
    public bool DpAdaptiveClipping { get; init; }

    /// <summary>The ε the run may spend at most; null for no limit.</summary>
    public double? TargetEpsilon { get; init; }

    /// <summary>Use only the first N training images (quick runs and tests).</summary>
    public int? TrainLimit { get; init; }

    /// <summary>Evaluate on only the first N test images (quick runs and tests).</summary>
    public int? TestLimit { get; init; }

    /// <summary>
    /// Share of each client's shard held out for per-client evaluation (<see cref="ClientHoldOut"/>); 0 is off, and the
    /// run is then exactly what it was without the field.
    /// </summary>
    public double ClientEvaluation { get; init; }

    /// <summary>The server's step from the clients' average to the next global model, as this request chooses it.</summary>
    [JsonIgnore]
    public ServerOptimizerOptions ServerOptions => new()
    {
        Optimizer = ServerOptimizer,
        LearningRate = ServerLearningRate,
        Momentum = ServerMomentum,
        Beta1 = ServerBeta1,
        Beta2 = ServerBeta2,
        Tau = ServerTau,
    };

    private static ServerOptimizerOptions DefaultServer { get; } = new();

    private static DifferentialPrivacyOptions DefaultPrivacy { get; } = new();

    /// <summary>The number of clients selected each round.</summary>
    public int EffectiveClientsPerRound =>
        ClientsPerRound ?? Math.Clamp((int)Math.Floor((Fraction * Clients) + 1e-9), 1, Math.Max(Clients, 1));
}
