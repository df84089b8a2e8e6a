namespace FedAvg.Common.Privacy;

/// <summary>
/// The privacy mechanisms by the name a training request gives them: none (plain FedAvg), or client-level DP-FedAvg
/// (McMahan et al. 2018: <see cref="DpFedAvgAggregator"/>, accounted by <see cref="RdpAccountant"/>).
/// </summary>
public static class PrivacyNames
{
    public const string None = "none";

    public const string DpFedAvg = "dp-fedavg";

    public static IReadOnlyList<string> All { get; } = [None, DpFedAvg];
}
