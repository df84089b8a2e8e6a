namespace FedAvg.Common.Tests.Training;

/// <summary>
/// Tests that train or measure torch models. They run one at a time and apart from every other test: on two
/// cores, parallel trainings slow each other down, and the memory test must not see others' allocations.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchSerial
{
    public const string Name = "Torch training";
}
