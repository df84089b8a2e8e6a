namespace FedAvg.Common.Partitioning;

/// <summary>A partition that cannot meet its constraints, e.g. a minimum client size under a very skewed Dirichlet.</summary>
public sealed class PartitionException : Exception
{
    public PartitionException()
    {
    }

    public PartitionException(string message)
        : base(message)
    {
    }

    public PartitionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
