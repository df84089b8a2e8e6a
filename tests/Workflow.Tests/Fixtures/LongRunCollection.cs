namespace FedAvg.Common.Tests.Fixtures;

/// <summary>
/// The attack test's four real-data runs, which take longer than every other collection: in a collection (and an
/// Azurite) of their own, xunit runs them beside the others instead of after them.
/// </summary>
[CollectionDefinition(Name)]
public sealed class LongRunCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite, long runs";
}
