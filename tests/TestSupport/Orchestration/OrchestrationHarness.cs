using FedAvg.Common.Models;
using FedAvg.Common.Orchestration;
using FedAvg.Common.Storage;
using FedAvg.Common.Tests.Fixtures;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;

namespace FedAvg.Common.Tests.Orchestration;

/// <summary>
/// The real orchestrator and activities on the in-memory durable engine, against Azurite, with a
/// small slice of the real CIFAR-10 data.
/// </summary>
public sealed class OrchestrationHarness : IAsyncDisposable
{
    private static readonly Lazy<string> Slice = new(() =>
        RealData.WriteSlice(Path.Combine(Path.GetTempPath(), "fedavg-tests", "slice-600"), trainPerFile: 120, test: 200));

    private OrchestrationHarness(DurableTaskTestHost host, FedAvgRuntime runtime)
    {
        Host = host;
        Runtime = runtime;
    }

    public DurableTaskTestHost Host { get; }

    public FedAvgRuntime Runtime { get; }

    public FedAvgStorage Storage => Runtime.Storage;

    public DurableTaskClient Client => Host.Client;

    /// <summary>A small, quick request: 600 training images, 200 test images.</summary>
    public static TrainingRequest SmallRequest { get; } = new()
    {
        Rounds = 2,
        Clients = 3,
        ClientsPerRound = 3,
        Alpha = 1.0,
        LocalEpochs = 1,
        BatchSize = 32,
        TestLimit = 200,
    };

    /// <param name="replace">Activities the test registers itself, by name, given the runtime.</param>
    public static Task<OrchestrationHarness> StartAsync(
        AzuriteFixture azurite, Action<DurableTaskRegistry, FedAvgRuntime>? replace = null, params string[] replaced) =>
        StartAsync(azurite, options => options, replace, replaced);

    /// <param name="configure">Changes the runtime's options.</param>
    public static async Task<OrchestrationHarness> StartAsync(
        AzuriteFixture azurite,
        Func<FedAvgRuntimeOptions, FedAvgRuntimeOptions> configure,
        Action<DurableTaskRegistry, FedAvgRuntime>? replace = null,
        params string[] replaced)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var runtime = new FedAvgRuntime(azurite.NewStorage(), configure(new FedAvgRuntimeOptions
        {
            ResolveDataDirectory = _ => Task.FromResult(Slice.Value),
        }));
        var host = await InMemoryDurableHost.StartAsync(registry =>
        {
            FedAvgTasks.RegisterOrchestrator(registry);
            FedAvgTasks.RegisterActivities(registry, runtime, replaced);
            replace?.Invoke(registry, runtime);
        });
        return new OrchestrationHarness(host, runtime);
    }

    /// <param name="patience">How long the run may take; 4 minutes unless given (runs that share the process take longer).</param>
    public async Task<OrchestrationMetadata> RunAsync(TrainingRequest request, string? instanceId = null, TimeSpan? patience = null)
    {
        string id = await Client.ScheduleNewOrchestrationInstanceAsync(
            ActivityNames.Orchestrator, request, new StartOrchestrationOptions(instanceId));
        using var timeout = new CancellationTokenSource(patience ?? TimeSpan.FromMinutes(4));
        return await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
    }

    /// <summary>Runs to completion and returns the result, failing the test with the run's error otherwise.</summary>
    public async Task<RunResult> RunToResultAsync(TrainingRequest request, string? instanceId = null, TimeSpan? patience = null)
    {
        var run = await RunAsync(request, instanceId, patience);
        Assert.True(run.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{run.RuntimeStatus}: {run.FailureDetails?.ErrorMessage}");
        return run.ReadOutputAs<RunResult>()!;
    }

    /// <summary>
    /// Registers a TrainClient that trains nothing, for tests of the orchestration around training: each client sends the
    /// global model back, after <paramref name="delay"/> and changed by <paramref name="alter"/> when given.
    /// </summary>
    public static void AddEchoTraining(DurableTaskRegistry registry, FedAvgRuntime runtime, TimeSpan delay = default, Action<TrainClientInput, ModelWeights>? alter = null) =>
        registry.AddActivityFunc<TrainClientInput, TrainClientResult>(ActivityNames.TrainClient, async (_, input) =>
        {
            await Task.Delay(delay);
            var global = await ModelBlobs.ReadAsync(runtime.Storage.Models, input.GlobalModelBlob, CancellationToken.None);
            alter?.Invoke(input, global);
            string blob = BlobNames.ClientUpdate(input.RunId, input.Round, input.Client);
            await ModelBlobs.WriteAsync(runtime.Storage.Runs, blob, global, CancellationToken.None);
            var at = DateTimeOffset.UtcNow;
            return new TrainClientResult(input.Client, blob, 10, 1, 0.1, 0.01, 0, 1000, new ActivityTiming(at, at));
        });

    public async Task<ModelWeights> ReadModelAsync(string blob) =>
        await ModelBlobs.ReadAsync(Storage.Models, blob, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        Runtime.Dispose();
    }
}
