using FedAvg.Common.Orchestration;

namespace FedAvg.LocalHost.Bench;

/// <summary>
/// The benchmark's configurations: the reference experiment exactly, our recommended recipe, and the scale runs of a
/// cross-device federation (hundreds of clients a round, tiny shards, one local epoch, 100 rounds).
/// </summary>
internal static class BenchConfigurations
{
    /// <summary>Configurations whose targets are the scale brief's (overhead, round time against pure training, flat rounds).</summary>
    public const string ScalePrefix = "scale-";

    private static readonly TrainingRequest Scale = Presets.Reference with { Rounds = 100, LocalEpochs = 1, Partition = "iid" };

    public static IReadOnlyDictionary<string, TrainingRequest> All { get; } = new Dictionary<string, TrainingRequest>(StringComparer.Ordinal)
    {
        ["reference"] = Presets.Reference,
        ["default"] = Presets.Recommended,
        [ScalePrefix + "500"] = Scale with { Clients = 500, ClientsPerRound = 50 },
        [ScalePrefix + "2000"] = Scale with { Clients = 2000, ClientsPerRound = 200 },
    };
}
