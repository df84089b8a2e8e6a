namespace FedAvg.Common.Orchestration;

/// <summary>The client learning rate for a round: constant, or cosine-decayed across the run's rounds.</summary>
public static class LearningRateSchedule
{
    public static double At(TrainingRequest request, int round)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.LearningRateSchedule switch
        {
            "cosine" => request.LearningRate * 0.5 * (1 + Math.Cos(Math.PI * (round - 1) / request.Rounds)),
            _ => request.LearningRate,
        };
    }
}
