namespace FedAvg.Common.Tests.Fixtures;

/// <summary>The tests that share one Azurite (xunit wants the definition in the tests' own assembly).</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
