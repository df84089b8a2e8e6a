using FedAvg.Common.Adversaries;
using FedAvg.Common.Aggregation;
using FedAvg.Common.Privacy;
using FedAvg.Common.Training;

namespace FedAvg.Common.Orchestration;

/// <summary>
/// Range and consistency checks of a <see cref="TrainingRequest"/>, each naming its field: every
/// field's own range from <see cref="TrainingRequestFields"/>, then the checks between fields.
/// </summary>
public static class TrainingRequestValidator
{
    public static RequestErrors Validate(TrainingRequest request, RequestErrors? errors = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        errors ??= new RequestErrors();
        var wrong = new HashSet<RequestField>();
        foreach (var field in TrainingRequestFields.All)
        {
            if (field.Problem(field.ValueIn(request)) is { } problem)
            {
                errors.Add(field.Name, problem);
                wrong.Add(field);
            }
        }

        // Between fields, checked only where both sides are in range on their own: one message a field.
        bool clientsOk = !wrong.Contains(TrainingRequestFields.Clients);
        if (clientsOk && !wrong.Contains(TrainingRequestFields.ClientsPerRound)
            && request.ClientsPerRound is int perRound && perRound > request.Clients)
        {
            errors.Add(TrainingRequestFields.ClientsPerRound.Name, $"must be between 1 and clients ({request.Clients})");
            wrong.Add(TrainingRequestFields.ClientsPerRound);
        }

        if (clientsOk && !wrong.Contains(TrainingRequestFields.MinClientsPerRound)
            && !wrong.Contains(TrainingRequestFields.ClientsPerRound) && !wrong.Contains(TrainingRequestFields.Fraction)
            && request.MinClientsPerRound > request.EffectiveClientsPerRound)
        {
            errors.Add(
                TrainingRequestFields.MinClientsPerRound.Name,
                $"must be between 1 and the clients selected each round ({request.EffectiveClientsPerRound})");
        }

        if (clientsOk && !wrong.Contains(TrainingRequestFields.TrainLimit) && request.TrainLimit is int trainLimit && trainLimit < request.Clients)
        {
            errors.Add(TrainingRequestFields.TrainLimit.Name, $"must be between clients ({request.Clients}) and {TrainingRequestFields.TrainingImages}");
        }

        // Requirements declared on the fields themselves (privacy dp-fedavg needs a model without buffers).
        foreach (var field in TrainingRequestFields.All)
        {
            foreach (var requirement in field.Requires.Where(r => !wrong.Contains(field) && !wrong.Contains(r.Field)))
            {
                if (requirement.AppliesTo(field.ValueIn(request)) && !requirement.IsMetBy(request))
                {
                    errors.Add(field.Name, requirement.Problem(request));
                    wrong.Add(field);
                }
            }
        }

        RobustnessChecks(request, errors, wrong);
        PrivacyChecks(request, errors, wrong);
        // The adaptive optimisers' first moment is serverBeta1: a momentum beside it would be silently ignored.
        if (!wrong.Contains(TrainingRequestFields.ServerOptimizer) && !wrong.Contains(TrainingRequestFields.ServerMomentum)
            && request.ServerOptions.IsAdaptive && request.ServerMomentum != 0)
        {
            errors.Add(TrainingRequestFields.ServerMomentum.Name, $"applies only to serverOptimizer {ServerOptimizerNames.FedAvg}; {request.ServerOptimizer} uses serverBeta1, so it must be 0");
        }

        return errors;
    }

    // DP-FedAvg's guarantee covers what it clips and noises: its own unweighted mean of the updates. A robust aggregator
    // would replace that mean (the noise is calibrated to the mean's sensitivity, C / n), and SCAFFOLD's server control
    // moves by the clients' control deltas, which are neither clipped nor noised. The dp* settings alone are ignored
    // without privacy, as proximalMu is without fedprox.
    private static void PrivacyChecks(TrainingRequest request, RequestErrors errors, HashSet<RequestField> wrong)
    {
        if (request.Privacy != PrivacyNames.DpFedAvg || wrong.Contains(TrainingRequestFields.Privacy))
        {
            return;
        }

        bool ok = true;
        void Refuse(RequestField field, string message)
        {
            errors.Add(field.Name, message);
            wrong.Add(field);
            ok = false;
        }

        if (!wrong.Contains(TrainingRequestFields.Aggregator) && request.Aggregator != UpdateAggregators.FedAvg)
        {
            Refuse(TrainingRequestFields.Aggregator, $"must be {UpdateAggregators.FedAvg} with privacy {PrivacyNames.DpFedAvg}, which clips the updates and " +
                $"takes their unweighted mean itself: its noise is calibrated to that mean, not to {request.Aggregator}'s");
        }

        if (!wrong.Contains(TrainingRequestFields.ClientAlgorithm) && request.ClientAlgorithm == ClientAlgorithmNames.Scaffold)
        {
            Refuse(TrainingRequestFields.ClientAlgorithm, $"cannot be {ClientAlgorithmNames.Scaffold} with privacy {PrivacyNames.DpFedAvg}: " +
                "the server's control variate moves by the clients' control deltas, which are neither clipped nor noised");
        }

        bool clientsOk = !wrong.Contains(TrainingRequestFields.Clients);
        if (clientsOk && !wrong.Contains(TrainingRequestFields.DpDelta) && request.DpDelta >= 1.0 / request.Clients)
        {
            Refuse(TrainingRequestFields.DpDelta, $"must be below 1 / clients ({RequestField.Format(1.0 / request.Clients)}) with privacy " +
                $"{PrivacyNames.DpFedAvg}: a delta of 1 / clients allows a mechanism that publishes one client's update outright");
        }

        bool perRoundOk = clientsOk && !wrong.Contains(TrainingRequestFields.ClientsPerRound) && !wrong.Contains(TrainingRequestFields.Fraction);
        int perRound = request.EffectiveClientsPerRound;
        double z = request.DpNoiseMultiplier;
        if (perRoundOk && request.DpAdaptiveClipping && !wrong.Contains(TrainingRequestFields.DpNoiseMultiplier)
            && z > 0 && !(perRound > RunPrivacy.AdaptiveClippingClientsAbove(z)))
        {
            Refuse(TrainingRequestFields.DpAdaptiveClipping, $"needs more than {RequestField.Format(RunPrivacy.AdaptiveClippingClientsAbove(1))} * " +
                $"{TrainingRequestFields.DpNoiseMultiplier.Name} = {RequestField.Format(RunPrivacy.AdaptiveClippingClientsAbove(z))} clients selected " +
                $"each round, not {perRound}: the count of unclipped clients is noised with clients / {RequestField.Format(RunPrivacy.ClientsPerCountNoiseUnit)}, " +
                $"which must exceed {TrainingRequestFields.DpNoiseMultiplier.Name} / 2 or the updates would be left no noise (Andrew et al. 2021)");
        }

        if (ok && perRoundOk && request.TargetEpsilon is double target && !wrong.Contains(TrainingRequestFields.TargetEpsilon)
            && !wrong.Contains(TrainingRequestFields.Rounds) && !wrong.Contains(TrainingRequestFields.DpNoiseMultiplier)
            && !wrong.Contains(TrainingRequestFields.DpDelta) && RunPrivacy.Of(request) is { } privacy
            && !(privacy.EpsilonAfter(request.Rounds) <= target))
        {
            int fit = privacy.RoundsWithin(target, request.Rounds);
            string spent = privacy.EpsilonAfter(request.Rounds) is double epsilon ? $"epsilon {RequestField.Format(Math.Round(epsilon, 4))}" : "an unbounded epsilon";
            Refuse(TrainingRequestFields.TargetEpsilon, $"would be exceeded: the {request.Rounds} rounds would reach {spent} at delta " +
                $"{RequestField.Format(request.DpDelta)} (dpNoiseMultiplier {RequestField.Format(z)}, {perRound} of {request.Clients} clients a round); " +
                $"{fit} rounds fit within {RequestField.Format(target)}");
        }
    }

    // Krum scores each update by its n - f - 2 nearest others, so a round needs more than 2f + 2 of them. An attack without
    // attackers, or attackers without an attack, is a run without adversaries, as trimBeta is ignored but by trimmed-mean:
    // each field can be set on its own.
    private static void RobustnessChecks(TrainingRequest request, RequestErrors errors, HashSet<RequestField> wrong)
    {
        bool perRoundOk = !wrong.Contains(TrainingRequestFields.Clients) && !wrong.Contains(TrainingRequestFields.ClientsPerRound)
            && !wrong.Contains(TrainingRequestFields.Fraction);
        int perRound = request.EffectiveClientsPerRound;
        bool krum = request.Aggregator is UpdateAggregators.Krum or UpdateAggregators.MultiKrum;
        if (perRoundOk && krum && perRound < 3)
        {
            errors.Add(TrainingRequestFields.Aggregator.Name, $"{request.Aggregator} needs at least 3 clients selected each round, not {perRound}");
        }
        else if (perRoundOk && krum && !wrong.Contains(TrainingRequestFields.ByzantineClients) && perRound <= (2 * request.ByzantineClients) + 2)
        {
            errors.Add(
                TrainingRequestFields.ByzantineClients.Name,
                $"must leave {request.Aggregator} more than 2 * byzantineClients + 2 updates a round: at most " +
                $"{(perRound - 3) / 2} for the {perRound} clients selected each round");
        }

        if (!wrong.Contains(TrainingRequestFields.Clients) && !wrong.Contains(TrainingRequestFields.Attackers) && request.Attackers > request.Clients)
        {
            errors.Add(TrainingRequestFields.Attackers.Name, $"must be between 0 and clients ({request.Clients})");
        }
    }
}
