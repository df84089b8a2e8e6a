using FedAvg.Common.Adversaries;
using FedAvg.Common.Aggregation;
using FedAvg.Common.Models;
using FedAvg.Common.Privacy;
using FedAvg.Common.Shards;
using FedAvg.Common.Training;

namespace FedAvg.Common.Orchestration;

/// <summary>
/// The fields of a training request, declared once: the JSON parser, the validator, the fedavg CLI
/// options and help, and the JSON Schema served at <c>GET /api/train/schema</c> (and in OpenAPI) are
/// all read from <see cref="All"/>. Defaults are the record's initialisers (<see cref="TrainingRequest"/>);
/// what an empty request gets is <see cref="Presets.Default"/> over them. Checks between fields
/// (clientsPerRound at most clients, ...) are the validator's.
/// </summary>
public static class TrainingRequestFields
{
    public const int MaxRounds = 1000;
    public const int MaxClients = 10_000;
    public const int TrainingImages = 50_000;
    public const int TestImages = 10_000;

    public static RequestField Rounds { get; } = RequestField.WholeNumber(
        "rounds", "federated rounds", r => r.Rounds, (r, v) => r with { Rounds = v }, 1, MaxRounds);

    public static RequestField Clients { get; } = RequestField.WholeNumber(
        "clients", "simulated clients the training images are split among", r => r.Clients, (r, v) => r with { Clients = v }, 1, MaxClients);

    public static RequestField Partition { get; } = RequestField.Text(
        "partition", "how the training images are split: dirichlet (label skew set by alpha) or iid",
        r => r.Partition, (r, v) => r with { Partition = v }, ["dirichlet", "iid"]);

    public static RequestField Alpha { get; } = RequestField.Number(
        "alpha", "Dirichlet concentration: smaller gives each client fewer classes",
        r => r.Alpha, (r, v) => r with { Alpha = v }, 0, 1e6, exclusiveMinimum: true);

    public static RequestField ClientsPerRound { get; } = RequestField.OptionalWholeNumber(
        "clientsPerRound", "clients trained each round (unset: fraction of clients)",
        r => r.ClientsPerRound, (r, v) => r with { ClientsPerRound = v }, 1, MaxClients);

    public static RequestField Fraction { get; } = RequestField.Number(
        "fraction", "share of the clients trained each round, when clientsPerRound is unset; giving it unsets a preset's clientsPerRound",
        r => r.Fraction, (r, v) => r with { Fraction = v }, 0, 1, exclusiveMinimum: true) with { Clears = ClientsPerRound };

    public static RequestField MinClientsPerRound { get; } = RequestField.WholeNumber(
        "minClientsPerRound", "usable client updates a round needs; with fewer the run fails",
        r => r.MinClientsPerRound, (r, v) => r with { MinClientsPerRound = v }, 1, MaxClients);

    public static RequestField LocalEpochs { get; } = RequestField.WholeNumber(
        "localEpochs", "epochs each client trains per round", r => r.LocalEpochs, (r, v) => r with { LocalEpochs = v }, 1, 100);

    public static RequestField BatchSize { get; } = RequestField.WholeNumber(
        "batchSize", "local training batch size", r => r.BatchSize, (r, v) => r with { BatchSize = v }, 2, 4096);

    public static RequestField LearningRate { get; } = RequestField.Number(
        "learningRate", "client SGD learning rate", r => r.LearningRate, (r, v) => r with { LearningRate = v }, 0, 10, exclusiveMinimum: true)
        with { CliAliases = ["--lr"] };

    public static RequestField LearningRateSchedule { get; } = RequestField.Text(
        "learningRateSchedule", "constant, or cosine: decays the client learning rate across the rounds",
        r => r.LearningRateSchedule, (r, v) => r with { LearningRateSchedule = v }, ["constant", "cosine"])
        with { CliAliases = ["--lr-schedule"] };

    public static RequestField Momentum { get; } = RequestField.Number(
        "momentum", "client SGD momentum", r => r.Momentum, (r, v) => r with { Momentum = v }, 0, 1, exclusiveMaximum: true);

    public static RequestField WeightDecay { get; } = RequestField.Number(
        "weightDecay", "client SGD weight decay", r => r.WeightDecay, (r, v) => r with { WeightDecay = v }, 0, 1, exclusiveMaximum: true);

    public static RequestField ClientAlgorithm { get; } = RequestField.Text(
        "clientAlgorithm", "local training: sgd (plain FedAvg), fedprox (pulls each client toward the global model by proximalMu; Li et al. 2020) " +
        "or scaffold (corrects client drift with control variates kept between rounds; Karimireddy et al. 2020, option II)",
        r => r.ClientAlgorithm, (r, v) => r with { ClientAlgorithm = v }, ClientAlgorithmNames.All);

    public static RequestField ProximalMu { get; } = RequestField.Number(
        "proximalMu", "FedProx's mu, used with clientAlgorithm fedprox only (0 trains as sgd; Li et al. tried 0.001 to 1)",
        r => r.ProximalMu, (r, v) => r with { ProximalMu = v }, 0, 100);

    public static RequestField LogitAdjustment { get; } = RequestField.Number(
        "logitAdjustment", "with any clientAlgorithm: each client's loss is taken over its logits plus this times the log of its own label " +
        "frequencies (the logit-adjusted loss of Menon et al. 2021, as FedLC uses it under label skew), so a client with few classes stops " +
        "pushing the others down; 1 is the balanced softmax, 0 the plain cross-entropy",
        r => r.LogitAdjustment, (r, v) => r with { LogitAdjustment = v }, 0, LocalTrainingOptions.MaxLogitAdjustment);

    public static RequestField ServerOptimizer { get; } = RequestField.Text(
        "serverOptimizer", "the server's step from the clients' average: avgm (FedAvg; FedAvgM with serverMomentum), or adam, yogi, adagrad " +
        "(Reddi et al. 2021, which want a serverLearningRate of about 0.01 to 0.1)",
        r => r.ServerOptimizer, (r, v) => r with { ServerOptimizer = v }, ServerOptimizerNames.All);

    public static RequestField ServerBeta1 { get; } = RequestField.Number(
        "serverBeta1", "adam, yogi, adagrad: decay of the first moment (default as Reddi et al. 2021 and Flower)",
        r => r.ServerBeta1, (r, v) => r with { ServerBeta1 = v }, 0, 1, exclusiveMaximum: true);

    public static RequestField ServerBeta2 { get; } = RequestField.Number(
        "serverBeta2", "adam, yogi: decay of the second moment (default as Reddi et al. 2021 and Flower; adagrad does not decay)",
        r => r.ServerBeta2, (r, v) => r with { ServerBeta2 = v }, 0, 1, exclusiveMaximum: true);

    public static RequestField ServerTau { get; } = RequestField.Number(
        "serverTau", "adam, yogi, adagrad: adaptivity added to the root of the second moment (default Reddi et al. 2021's; Flower's is 1e-9)",
        r => r.ServerTau, (r, v) => r with { ServerTau = v }, ServerOptimizerOptions.MinTau, ServerOptimizerOptions.MaxTau);

    public static RequestField Augmentation { get; } = RequestField.Flag(
        "augmentation", "random crop (4-pixel padding) and horizontal flip during local training",
        r => r.Augmentation, (r, v) => r with { Augmentation = v })
        with { CliAliases = ["--augment"] };

    public static RequestField Model { get; } = RequestField.Text(
        "model", "model architecture", r => r.Model, (r, v) => r with { Model = v }, ModelCatalog.Names);

    public static RequestField Seed { get; } = RequestField.WholeNumber(
        "seed", "seeds the split, the client selection, the initial model and local training: the same seed gives the same model",
        r => r.Seed, (r, v) => r with { Seed = v }, int.MinValue, int.MaxValue);

    public static RequestField ServerLearningRate { get; } = RequestField.Number(
        "serverLearningRate", "server learning rate: of the FedAvgM update (1 with serverMomentum 0 is plain FedAvg) or the adaptive step's",
        r => r.ServerLearningRate, (r, v) => r with { ServerLearningRate = v }, 0, 10, exclusiveMinimum: true)
        with { CliAliases = ["--server-lr"] };

    public static RequestField ServerMomentum { get; } = RequestField.Number(
        "serverMomentum", "server momentum of the FedAvgM update, serverOptimizer avgm only (0 is plain FedAvg)",
        r => r.ServerMomentum, (r, v) => r with { ServerMomentum = v }, 0, 1, exclusiveMaximum: true);

    public static RequestField Aggregator { get; } = RequestField.Text(
        "aggregator", "how a round's updates are combined: fedavg (sample-weighted mean, streamed a few at a time), or the robust " +
        "median, trimmed-mean, krum, multi-krum, which hold all of a round's updates in memory at once",
        r => r.Aggregator, (r, v) => r with { Aggregator = v }, UpdateAggregators.Names);

    public static RequestField TrimBeta { get; } = RequestField.Number(
        "trimBeta", "trimmed-mean: share of a round's updates dropped at each end of every coordinate",
        r => r.TrimBeta, (r, v) => r with { TrimBeta = v }, 0, 0.5, exclusiveMaximum: true);

    public static RequestField AggregationGroup { get; } = RequestField.WholeNumber(
        "aggregationGroup", "fedavg aggregator without privacy: a round of more updates sums each group of this many in a parallel activity, " +
        "then one activity combines the sums (a fan-in tree; the same group gives the same model). 0: one activity folds every update",
        r => r.AggregationGroup, (r, v) => r with { AggregationGroup = v }, 0, MaxClients);

    public static RequestField ByzantineClients { get; } = RequestField.WholeNumber(
        "byzantineClients", "krum and multi-krum: hostile clients f assumed each round (clients a round must exceed 2f + 2; multi-krum averages the n - f best)",
        r => r.ByzantineClients, (r, v) => r with { ByzantineClients = v }, 0, 1000);

    public static RequestField Attack { get; } = RequestField.Text(
        "attack", "simulated adversaries, to test the aggregators: none, sign-flip or scale (send the change times -attackScale or attackScale), " +
        "random (noise as long as the honest change), label-flip (train on labels 9 - y)",
        r => r.Attack, (r, v) => r with { Attack = v }, ClientAttacks.Names);

    public static RequestField Attackers { get; } = RequestField.WholeNumber(
        "attackers", "how many clients carry out the attack, drawn from the seed and the same every round (0, or attack none: no adversaries)",
        r => r.Attackers, (r, v) => r with { Attackers = v }, 0, MaxClients);

    public static RequestField AttackScale { get; } = RequestField.Number(
        "attackScale", "factor of the sign-flip and scale attacks",
        r => r.AttackScale, (r, v) => r with { AttackScale = v }, 0, 1000, exclusiveMinimum: true);

    // The dp* settings are ignored unless privacy is dp-fedavg (as proximalMu is unless fedprox), so each is valid on
    // its own; privacy dp-fedavg itself declares the model it needs, and targetEpsilon the privacy.
    public static RequestField Privacy { get; } = RequestField.Text(
        "privacy", "none, or dp-fedavg: client-level differential privacy (McMahan et al. 2018): each client's change is clipped to dpClipNorm, " +
        "Gaussian noise of dpNoiseMultiplier times the clip is added to their sum, and (epsilon, dpDelta) is reported after every round; " +
        "needs a model without BatchNorm buffers (seed-cnn-gn)",
        r => r.Privacy, (r, v) => r with { Privacy = v }, PrivacyNames.All)
        with
        {
            Requires =
            [
                new(PrivacyNames.DpFedAvg, Model, ModelCatalog.WithoutBuffers,
                    "DP-FedAvg noises parameters only, and BatchNorm statistics, computed from the clients' data, would escape the noise"),
            ],
        };

    public static RequestField DpClipNorm { get; } = RequestField.Number(
        "dpClipNorm", "dp-fedavg: the L2 norm each client's change is clipped to (with dpAdaptiveClipping, the first round's)",
        r => r.DpClipNorm, (r, v) => r with { DpClipNorm = v }, 0, 1e4, exclusiveMinimum: true);

    public static RequestField DpNoiseMultiplier { get; } = RequestField.Number(
        "dpNoiseMultiplier", "dp-fedavg: the noise's standard deviation in units of the clip (0 clips without noise: no privacy, epsilon unbounded)",
        r => r.DpNoiseMultiplier, (r, v) => r with { DpNoiseMultiplier = v }, 0, 100);

    public static RequestField DpDelta { get; } = RequestField.Number(
        "dpDelta", "dp-fedavg: the delta epsilon is reported for; below 1 / clients",
        r => r.DpDelta, (r, v) => r with { DpDelta = v }, 0, 1, exclusiveMinimum: true, exclusiveMaximum: true);

    public static RequestField DpAdaptiveClipping { get; } = RequestField.Flag(
        "dpAdaptiveClipping", "dp-fedavg: the clip follows the median client's update norm, from a noised count that takes a share of the noise " +
        $"(Andrew et al. 2021); needs more than {RunPrivacy.AdaptiveClippingClientsAbove(1)} * dpNoiseMultiplier clients a round",
        r => r.DpAdaptiveClipping, (r, v) => r with { DpAdaptiveClipping = v });

    public static RequestField TargetEpsilon { get; } = RequestField.OptionalNumber(
        "targetEpsilon", "dp-fedavg: the most epsilon the run may spend; a request whose rounds would exceed it is refused, saying how many fit (unset: no limit)",
        r => r.TargetEpsilon, (r, v) => r with { TargetEpsilon = v }, 0, 1e6, exclusiveMinimum: true)
        with { Requires = [new(null, Privacy, [PrivacyNames.DpFedAvg], "a run without it spends an unbounded epsilon")] };

    public static RequestField TrainLimit { get; } = RequestField.OptionalWholeNumber(
        "trainLimit", $"use only the first N training images, at least one a client (unset: all {TrainingImages})",
        r => r.TrainLimit, (r, v) => r with { TrainLimit = v }, 1, TrainingImages);

    public static RequestField TestLimit { get; } = RequestField.OptionalWholeNumber(
        "testLimit", $"evaluate on only the first N test images (unset: all {TestImages})",
        r => r.TestLimit, (r, v) => r with { TestLimit = v }, 1, TestImages);

    public static RequestField ClientEvaluation { get; } = RequestField.Number(
        "clientEvaluation", "share of each client's shard held out (never trained on) to evaluate each round's global model on the " +
        "round's clients: per-round distribution of their accuracies (0: off)",
        r => r.ClientEvaluation, (r, v) => r with { ClientEvaluation = v }, 0, HeldOutSplit.MaxShare);

    /// <summary>Every field, in the order help and the schema list them.</summary>
    public static IReadOnlyList<RequestField> All { get; } =
    [
        Rounds, Clients, Partition, Alpha, ClientsPerRound, Fraction, MinClientsPerRound, LocalEpochs, BatchSize,
        LearningRate, LearningRateSchedule, Momentum, WeightDecay, ClientAlgorithm, ProximalMu, LogitAdjustment, Augmentation, Model, Seed,
        ServerOptimizer, ServerLearningRate, ServerMomentum, ServerBeta1, ServerBeta2, ServerTau, TrainLimit, TestLimit,
        ClientEvaluation, Aggregator, TrimBeta, ByzantineClients, AggregationGroup, Attack, Attackers, AttackScale,
        Privacy, DpClipNorm, DpNoiseMultiplier, DpDelta, DpAdaptiveClipping, TargetEpsilon,
    ];

    private static readonly Dictionary<string, RequestField> ByName = All.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The field of a JSON property, matched without regard to case (as the web serializer does).</summary>
    public static RequestField? Find(string name) => ByName.GetValueOrDefault(name);
}
