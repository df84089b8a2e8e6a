namespace FedAvg.Common.Orchestration;

/// <summary>
/// A named set of training request values. A request starts from its preset and the values the user
/// gives go over it, so a value given explicitly always wins.
/// </summary>
/// <param name="Summary">One line for help and the schema.</param>
/// <param name="ForShape">
/// Where the preset's best values depend on the federation the user describes (clients, share a round, skew): given
/// the request with the user's values over <see cref="Request"/>, the preset's values for that federation. The user's
/// values then go over its answer again, so what the user gave still wins. Null: the same values for every federation.
/// </param>
public sealed record Preset(string Name, string Summary, TrainingRequest Request, Func<TrainingRequest, TrainingRequest>? ForShape = null)
{
    /// <summary>The preset's values for the federation <paramref name="request"/> describes.</summary>
    public TrainingRequest Shape(TrainingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ForShape is null ? request : ForShape(request);
    }
}
