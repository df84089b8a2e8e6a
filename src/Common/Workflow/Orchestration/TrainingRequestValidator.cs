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

        // The adaptive optimisers' first moment is serverBeta1: a momentum beside it would be silently ignored.
        if (!wrong.Contains(TrainingRequestFields.ServerOptimizer) && !wrong.Contains(TrainingRequestFields.ServerMomentum)
            && request.ServerOptions.IsAdaptive && request.ServerMomentum != 0)
        {
            errors.Add(TrainingRequestFields.ServerMomentum.Name, $"applies only to serverOptimizer {ServerOptimizerNames.FedAvg}; {request.ServerOptimizer} uses serverBeta1, so it must be 0");
        }

        return errors;
    }
}
