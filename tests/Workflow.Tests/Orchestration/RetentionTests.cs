using FedAvg.Common.Orchestration;
using FedAvg.Common.Orchestration.Activities;
using FedAvg.Common.Storage;
using FedAvg.Common.Tests.Fixtures;
using Azure.Storage.Blobs;
using Microsoft.DurableTask;

namespace FedAvg.Common.Tests.Orchestration;

/// <summary>What a run leaves in storage: its shards, one global model a round, its result; no client update.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RetentionTests(AzuriteFixture azurite)
{
    // Server momentum too: each round's momentum is superseded by the next one's.
    private static readonly TrainingRequest Request = OrchestrationHarness.SmallRequest with { ServerMomentum = 0.5, ClientsPerRound = 2 };

    [Fact]
    public async Task A_run_of_twice_the_rounds_leaves_only_the_extra_global_models_behind()
    {
        await using var harness = await OrchestrationHarness.StartAsync(azurite);

        var shorter = await harness.RunToResultAsync(Request with { Rounds = 2 });
        var longer = await harness.RunToResultAsync(Request with { Rounds = 4 });

        var left = await ListAsync(harness.Storage, shorter.RunId);
        var right = await ListAsync(harness.Storage, longer.RunId);
        var extra = right.Keys.Except(left.Keys).Order().ToArray();
        Assert.Equal(
            [Path.GetFileName(BlobNames.GlobalModel(longer.RunId, 3)), Path.GetFileName(BlobNames.GlobalModel(longer.RunId, 4))],
            extra.Select(Path.GetFileName));
        Assert.All(extra, name => Assert.StartsWith("models/", name, StringComparison.Ordinal));
        Assert.Empty(left.Keys.Except(right.Keys));

        // Apart from the two extra global models, the two runs leave the same blobs, of the same sizes; the result's
        // JSON lists every round, so it is the one file whose size grows.
        Assert.All(left.Keys.Where(k => k != "runs/result.json"), name => Assert.Equal(left[name], right[name]));
        Assert.Contains("runs/result.json", left.Keys);
        Assert.DoesNotContain(right.Keys, name => name.Contains("/updates/", StringComparison.Ordinal) || name.Contains("momentum", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_scaffold_run_with_an_adaptive_server_leaves_the_same_blobs_as_plain_fedavg()
    {
        await using var harness = await OrchestrationHarness.StartAsync(azurite);

        var plain = await harness.RunToResultAsync(Request with { ServerMomentum = 0 });
        var stateful = await harness.RunToResultAsync(Request with
        {
            ServerMomentum = 0, ServerOptimizer = "adam", ServerLearningRate = 0.05, ClientAlgorithm = "scaffold", Rounds = 3,
        });

        // Second moments, server controls and every client's control are gone with the run; only one more global model stays.
        var left = await ListAsync(harness.Storage, plain.RunId);
        var right = await ListAsync(harness.Storage, stateful.RunId);
        Assert.Equal([Path.GetFileName(BlobNames.GlobalModel(stateful.RunId, 3))], right.Keys.Except(left.Keys).Select(Path.GetFileName));
        Assert.Empty(left.Keys.Except(right.Keys));
    }

    [Fact]
    public async Task The_runtime_keeps_every_update_when_asked_to()
    {
        await using var harness = await OrchestrationHarness.StartAsync(azurite, options => options with { KeepClientUpdates = true });

        var run = await harness.RunToResultAsync(Request with { Rounds = 2 });

        var blobs = await ListAsync(harness.Storage, run.RunId);
        Assert.Equal(4, blobs.Keys.Count(name => name.Contains("/updates/", StringComparison.Ordinal)));
        Assert.Equal(2, blobs.Keys.Count(name => name.Contains("server-momentum", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_aggregation_retried_after_it_ran_still_finds_every_update()
    {
        // The first attempt does all its work and then fails, as a process killed before its result was recorded.
        int attempts = 0;
        await using var harness = await OrchestrationHarness.StartAsync(azurite, (registry, runtime) =>
        {
            var real = new AggregateActivity(runtime);
            registry.AddActivityFunc<AggregateInput, AggregateResult>(ActivityNames.Aggregate, async (context, input) =>
            {
                var result = await real.RunAsync(context, input);
                return Interlocked.Increment(ref attempts) == 1 ? throw new InvalidOperationException("killed after aggregating") : result;
            });
        }, ActivityNames.Aggregate);

        var run = await harness.RunToResultAsync(Request with { Rounds = 1, ClientsPerRound = 3 });

        Assert.Equal(2, attempts);
        Assert.Empty(run.FailedClients);
        Assert.Equal([0, 1, 2], run.History[0].Clients);
        Assert.DoesNotContain((await ListAsync(harness.Storage, run.RunId)).Keys, name => name.Contains("/updates/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Discarding_a_round_twice_deletes_nothing_the_second_time_and_does_not_fail()
    {
        await using var harness = await OrchestrationHarness.StartAsync(azurite, options => options with { KeepClientUpdates = true });
        var run = await harness.RunToResultAsync(Request with { Rounds = 1 });
        using var runtime = new FedAvgRuntime(harness.Storage, harness.Runtime.Options with { KeepClientUpdates = false });
        var discard = new DiscardUpdatesActivity(runtime);
        var input = new DiscardUpdatesInput(run.RunId, 1, [BlobNames.ServerMomentum(run.RunId, 1)]);

        var first = await discard.RunAsync(new StubActivityContext(ActivityNames.DiscardUpdates, run.RunId), input);
        var second = await discard.RunAsync(new StubActivityContext(ActivityNames.DiscardUpdates, run.RunId), input);

        Assert.Equal(2 + 1, first.Blobs);
        Assert.True(first.Bytes > 0);
        Assert.Equal(0, second.Blobs);
        Assert.Equal(0, second.Bytes);
    }

    /// <summary>A run's blobs by container and name without the run id, with their sizes.</summary>
    private static async Task<Dictionary<string, long>> ListAsync(FedAvgStorage storage, string runId)
    {
        var blobs = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (BlobContainerClient container in new[] { storage.Runs, storage.Models })
        {
            string kind = container == storage.Runs ? "runs" : "models";
            await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, runId + "/", CancellationToken.None))
            {
                blobs[$"{kind}/{blob.Name[(runId.Length + 1)..]}"] = blob.Properties.ContentLength ?? 0;
            }
        }

        return blobs;
    }
}
