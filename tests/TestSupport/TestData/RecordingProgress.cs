namespace FedAvg.Common.Tests.TestData;

/// <summary>Records reports on the reporting thread (Progress&lt;T&gt; would post them asynchronously).</summary>
public sealed class RecordingProgress<T> : IProgress<T>
{
    public List<T> Reports { get; } = [];

    public void Report(T value) => Reports.Add(value);
}
