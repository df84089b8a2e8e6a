namespace FedAvg.Common.Tests.Fixtures;

/// <summary>
/// Tests that train a model and serve it. xunit runs this collection on its own after the parallel ones,
/// so they neither slow the others down on two cores nor count the others' allocations as their own.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "Serial";
}
