namespace FedAvg.Common.Aggregation;

/// <summary>Client updates that cannot be averaged; <see cref="ClientId"/> names the offending client when there is one.</summary>
public sealed class AggregationException : Exception
{
    public AggregationException()
    {
    }

    public AggregationException(string message)
        : base(message)
    {
    }

    public AggregationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AggregationException(string message, string? clientId)
        : base(message)
    {
        ClientId = clientId;
    }

    public string? ClientId { get; }
}
