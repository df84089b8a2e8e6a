using FedAvg.Common.Adversaries;
using FedAvg.Common.Aggregation;

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

        RobustnessChecks(request, errors, wrong);
        // The adaptive optimisers' first moment is serverBeta1: a momentum beside it would be silently ignored.
        if (!wrong.Contains(TrainingRequestFields.ServerOptimizer) && !wrong.Contains(TrainingRequestFields.ServerMomentum)
            && request.ServerOptions.IsAdaptive && request.ServerMomentum != 0)
        {
            errors.Add(TrainingRequestFields.ServerMomentum.Name, $"applies only to serverOptimizer {ServerOptimizerNames.FedAvg}; {request.ServerOptimizer} uses serverBeta1, so it must be 0");
        }

        return errors;
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
