namespace FedAvg.Common.Tests.Fixtures;

/// <summary>
/// Tests that assert wall-clock bounds. xunit runs this collection on its own after the parallel
/// ones, so a training test on the other core cannot make a fast path look slow.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "Timing";
}
