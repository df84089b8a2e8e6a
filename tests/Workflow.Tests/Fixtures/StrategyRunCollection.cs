namespace FedAvg.Common.Tests.Fixtures;

/// <summary>
/// The runs that wire strategies (client algorithms, server optimisers, robust aggregators, privacy, per-client
/// evaluation) through the orchestration: a collection (and an Azurite) beside <see cref="AzuriteCollection"/>, so the two
/// halves of the orchestration tests run at once; one collection alone leaves a core idle while a run waits on storage.
/// </summary>
[CollectionDefinition(Name)]
public sealed class StrategyRunCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite, strategy runs";
}
