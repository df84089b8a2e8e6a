using FedAvg.Common.Orchestration;
using FedAvg.Common.Orchestration.Activities;
using FedAvg.Common.Storage;
using FedAvg.Common.Tests.Fixtures;

namespace FedAvg.Common.Tests.Orchestration;

[Collection(AzuriteCollection.Name)]
public sealed class RunStopTests(AzuriteFixture azurite)
{
    private const string Run = "0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task Every_activity_of_a_stopped_run_fails_at_once_and_writes_nothing()
    {
        var storage = azurite.NewStorage();
        await storage.EnsureContainersAsync();
        using var runtime = new FedAvgRuntime(storage, new FedAvgRuntimeOptions
        {
            ResolveDataDirectory = _ => throw new InvalidOperationException("a stopped run must not need the data set"),
        });
        await RunStop.MarkAsync(storage, Run, "stopped by a test");
        var context = new StubActivityContext("any", Run);

        // The inputs name blobs that do not exist: an activity that got past the check would fail otherwise.
        await Assert.ThrowsAsync<RunStoppedException>(() => new PrepareRunActivity(runtime).RunAsync(
            context, new PrepareRunInput(Run, new TrainingRequest { Rounds = 1, Clients = 2 })));
        await Assert.ThrowsAsync<RunStoppedException>(() => new TrainClientActivity(runtime).RunAsync(
            context, new TrainClientInput(Run, 2, 0, "missing.shard", "missing.weights", "seed-cnn", 1, 32, 0.03, 0.9, 0, false, 7)));
        await Assert.ThrowsAsync<RunStoppedException>(() => new AggregateActivity(runtime).RunAsync(
            context, new AggregateInput(Run, 2, "seed-cnn", "missing.weights", [new UpdateRef(0, "missing.weights", 10)], 1, 1, 0, null)));
        await Assert.ThrowsAsync<RunStoppedException>(() => new EvaluateActivity(runtime).RunAsync(
            context, new EvaluateInput(Run, 2, "seed-cnn", "missing.weights", 10)));
        var result = new RunResult(Run, "seed-cnn", 1, 0.5, 1, "missing.weights", [], [], [], 1);
        await Assert.ThrowsAsync<RunStoppedException>(() => new CompleteRunActivity(runtime).RunAsync(context, new CompleteRunInput(Run, result)));

        Assert.Equal([BlobNames.StopMarker(Run)], await NamesAsync(storage.Runs));
        Assert.Empty(await NamesAsync(storage.Models));
        Assert.Empty(await NamesAsync(storage.Data));
    }

    [Fact]
    public async Task Only_the_stopped_run_is_marked()
    {
        var storage = azurite.NewStorage();
        await storage.EnsureContainersAsync();

        await RunStop.MarkAsync(storage, Run, "stopped by a test");

        Assert.True(await RunStop.IsMarkedAsync(storage, Run));
        Assert.False(await RunStop.IsMarkedAsync(storage, "fedcba9876543210fedcba9876543210"));
    }

    private static async Task<List<string>> NamesAsync(Azure.Storage.Blobs.BlobContainerClient container)
    {
        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync())
        {
            names.Add(blob.Name);
        }

        return names;
    }
}
