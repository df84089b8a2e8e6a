using FedAvg.Common.Privacy;

namespace FedAvg.Common.Orchestration;

/// <summary>
/// A DP-FedAvg run's privacy settings as its status and result record them, and the ε its rounds spend: q = clients
/// selected a round / clients, one step of the sampled Gaussian mechanism a round at the request's noise multiplier
/// (<see cref="RdpAccountant"/>). With adaptive clipping the updates keep less noise, z_Δ, and the released count of
/// unclipped clients the rest; the two compose like one release at z (<see cref="AdaptiveClipNorm.UpdateNoiseMultiplier"/>
/// is that identity solved for z_Δ), so ε is accounted at z either way. Since z and q are fixed, ε after any round is
/// known before the run starts: a target is checked up front.
/// </summary>
/// <param name="TargetEpsilon">The most the run may spend; null for no limit.</param>
public sealed record RunPrivacy(
    string Mechanism,
    double ClipNorm,
    double NoiseMultiplier,
    double Delta,
    bool AdaptiveClipping,
    double SamplingRate,
    double? TargetEpsilon)
{
    /// <summary>The request's privacy; null for a run without (privacy none), whose dp* settings have no effect.</summary>
    public static RunPrivacy? Of(TrainingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Privacy == PrivacyNames.None
            ? null
            : new RunPrivacy(request.Privacy, request.DpClipNorm, request.DpNoiseMultiplier, request.DpDelta, request.DpAdaptiveClipping,
                (double)request.EffectiveClientsPerRound / request.Clients, request.TargetEpsilon);
    }

    /// <summary>
    /// What the aggregator is given for a round of <paramref name="clientsPerRound"/> selected clients. The count's noise
    /// is fixed from the planned clients (Andrew et al.'s clients / 20) rather than left to the updates that arrive, so
    /// a round that loses clients keeps the noise split the validator checked.
    /// </summary>
    public DifferentialPrivacyOptions Options(int clientsPerRound) => new()
    {
        ClipNorm = ClipNorm,
        NoiseMultiplier = NoiseMultiplier,
        Delta = Delta,
        AdaptiveClipping = AdaptiveClipping,
        UnclippedCountNoiseStd = CountNoiseStd(clientsPerRound),
    };

    /// <summary>Andrew et al. 2021's σ_b is one unit of count noise per this many clients selected a round.</summary>
    public const double ClientsPerCountNoiseUnit = 20;

    /// <summary>σ_b, the noise on the count of unclipped clients: clients per round / 20 (Andrew et al. 2021).</summary>
    public static double CountNoiseStd(int clientsPerRound) => clientsPerRound / ClientsPerCountNoiseUnit;

    /// <summary>
    /// Adaptive clipping takes the count's share of the noise multiplier z out of the sum's, which keeps noise only while
    /// 2σ_b exceeds z: a round needs more clients than this.
    /// </summary>
    public static double AdaptiveClippingClientsAbove(double noiseMultiplier) => noiseMultiplier * ClientsPerCountNoiseUnit / 2;

    /// <summary>ε after <paramref name="rounds"/> rounds at <see cref="Delta"/>; null when unbounded (z = 0 clips without noise).</summary>
    public double? EpsilonAfter(int rounds) => Bounded(RdpAccountant.Epsilon(SamplingRate, NoiseMultiplier, rounds, Delta).Epsilon);

    /// <summary>The most rounds, up to <paramref name="rounds"/>, whose ε stays within <paramref name="target"/>.</summary>
    public int RoundsWithin(double target, int rounds)
    {
        // RDP adds up over rounds, so one round's is computed once and scaled; ε grows with the rounds.
        var orders = RdpAccountant.DefaultOrders;
        double[] one = RdpAccountant.ComputeRdp(SamplingRate, NoiseMultiplier, 1, orders);
        int fit = 0;
        while (fit < rounds && RdpAccountant.Spent(orders, [.. one.Select(r => r * (fit + 1))], Delta).Epsilon <= target)
        {
            fit++;
        }

        return fit;
    }

    private static double? Bounded(double epsilon) => double.IsFinite(epsilon) ? epsilon : null;
}
