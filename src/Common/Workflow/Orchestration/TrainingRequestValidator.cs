using FedAvg.Common.Models;

namespace FedAvg.Common.Orchestration;

/// <summary>Range and consistency checks of a <see cref="TrainingRequest"/>, each naming its field.</summary>
public static class TrainingRequestValidator
{
    public const int MaxRounds = 1000;
    public const int MaxClients = 10_000;

    public static RequestErrors Validate(TrainingRequest request, RequestErrors? errors = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        errors ??= new RequestErrors();
        Range(errors, "rounds", request.Rounds, 1, MaxRounds);
        Range(errors, "clients", request.Clients, 1, MaxClients);
        if (request.Partition is not ("dirichlet" or "iid"))
        {
            errors.Add("partition", "must be \"dirichlet\" or \"iid\"");
        }

        if (!(request.Alpha > 0) || !double.IsFinite(request.Alpha) || request.Alpha > 1e6)
        {
            errors.Add("alpha", "must be a finite number above 0 (and at most 1e6)");
        }

        if (request.ClientsPerRound is int perRound && (perRound < 1 || perRound > request.Clients))
        {
            errors.Add("clientsPerRound", $"must be between 1 and clients ({request.Clients})");
        }

        if (!(request.Fraction > 0) || request.Fraction > 1)
        {
            errors.Add("fraction", "must be above 0 and at most 1");
        }

        if (request.MinClientsPerRound < 1 || request.MinClientsPerRound > request.EffectiveClientsPerRound)
        {
            errors.Add("minClientsPerRound", $"must be between 1 and the clients selected each round ({request.EffectiveClientsPerRound})");
        }

        Range(errors, "localEpochs", request.LocalEpochs, 1, 100);
        Range(errors, "batchSize", request.BatchSize, 2, 4096);
        Positive(errors, "learningRate", request.LearningRate, 10);
        if (request.LearningRateSchedule is not ("constant" or "cosine"))
        {
            errors.Add("learningRateSchedule", "must be \"constant\" or \"cosine\"");
        }

        Fraction(errors, "momentum", request.Momentum);
        Fraction(errors, "weightDecay", request.WeightDecay);
        Positive(errors, "serverLearningRate", request.ServerLearningRate, 10);
        Fraction(errors, "serverMomentum", request.ServerMomentum);
        if (!ModelCatalog.Contains(request.Model))
        {
            errors.Add("model", $"unknown model '{request.Model}'; known: {string.Join(", ", ModelCatalog.Names)}");
        }

        if (request.TrainLimit is int trainLimit && (trainLimit < request.Clients || trainLimit > 50_000))
        {
            errors.Add("trainLimit", $"must be between clients ({request.Clients}) and 50000");
        }

        if (request.TestLimit is int testLimit && (testLimit < 1 || testLimit > 10_000))
        {
            errors.Add("testLimit", "must be between 1 and 10000");
        }

        return errors;
    }

    private static void Range(RequestErrors errors, string field, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add(field, $"must be between {min} and {max}");
        }
    }

    private static void Positive(RequestErrors errors, string field, double value, double max)
    {
        if (!(value > 0) || !(value <= max))
        {
            errors.Add(field, $"must be above 0 and at most {max}");
        }
    }

    private static void Fraction(RequestErrors errors, string field, double value)
    {
        if (!(value >= 0) || !(value < 1))
        {
            errors.Add(field, "must be at least 0 and below 1");
        }
    }
}
