using FedAvg.Common.Orchestration;

namespace FedAvg.LocalHost.Bench;

/// <summary>The benchmark's configurations: the reference experiment exactly, and our recommended recipe.</summary>
internal static class BenchConfigurations
{
    public static IReadOnlyDictionary<string, TrainingRequest> All { get; } = new Dictionary<string, TrainingRequest>(StringComparer.Ordinal)
    {
        ["reference"] = Presets.Reference,
        ["default"] = Presets.Recommended,
    };
}
