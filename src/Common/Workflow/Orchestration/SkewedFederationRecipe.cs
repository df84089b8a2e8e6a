using FedAvg.Common.Models;

namespace FedAvg.Common.Orchestration;

/// <summary>
/// What the recommended preset changes for a federation harder than the one its local recipe was tuned on (5 clients,
/// Dirichlet alpha 0.5, every client every round): stronger label skew, or only some clients a round. Measured on
/// issue 12's skewed federation (bench/results/skewed.md); the boundary sits between the two measured federations.
/// </summary>
public static class SkewedFederationRecipe
{
    /// <summary>The seed federation's alpha: the recipe applies below it, where each client holds fewer classes.</summary>
    public const double SkewBelowAlpha = 0.5;

    /// <summary>
    /// Server momentum for rounds that see a different few clients each time: it carries the last rounds' direction, so
    /// one round of unlike clients moves the model less (Hsu et al. 2019). 0.5 doubles the step a steady direction gets.
    /// </summary>
    public const double ServerMomentum = 0.5;

    /// <summary>Whether <paramref name="request"/> describes a federation harder than the seed federation.</summary>
    public static bool Applies(TrainingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        bool skewed = request.Partition != "iid" && request.Alpha < SkewBelowAlpha;
        bool partial = request.EffectiveClientsPerRound < request.Clients;
        return skewed || partial;
    }

    /// <summary>
    /// <paramref name="request"/> with GroupNorm in place of seed-cnn's BatchNorm, whose running statistics, averaged
    /// over clients that each see a few classes, fit none of them; and server momentum. Other models and strategies the
    /// request names are left as they are.
    /// </summary>
    public static TrainingRequest For(TrainingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Applies(request))
        {
            return request;
        }

        var defaults = new TrainingRequest();
        return request with
        {
            Model = request.Model == defaults.Model ? ModelCatalog.SeedCnnGroupNormName : request.Model,
            ServerMomentum = request.ServerOptimizer == defaults.ServerOptimizer && request.ServerMomentum == defaults.ServerMomentum
                ? ServerMomentum : request.ServerMomentum,
        };
    }
}
