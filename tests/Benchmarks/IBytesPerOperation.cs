namespace FedAvg.Benchmarks;

/// <summary>A benchmark whose throughput is best read in bytes: how many one call of <paramref name="method"/> processes.</summary>
public interface IBytesPerOperation
{
    long BytesPerOperation(string method);
}
