using FedAvg.Common.Data;
using FedAvg.Common.Orchestration;
using FedAvg.Common.Prediction;
using FedAvg.Common.Storage;
using FedAvg.LocalHost.Engine;
using FedAvg.LocalHost.Storage;
using Microsoft.DurableTask.Client;

namespace FedAvg.LocalHost.Hosting;

/// <summary>
/// What <c>serve</c> and <c>train</c> run on: the storage account, the FedAvg activities' runtime and
/// the durable engine with the orchestration registered. Starting it resumes any run left unfinished
/// in that storage.
/// </summary>
internal sealed class LocalRuntime : IAsyncDisposable
{
    /// <summary>Where a downloaded CIFAR-10 goes: ./data/cifar-10-batches-bin is then found next time.</summary>
    public const string DownloadFolder = "data";

    private readonly LocalStorage _storage;
    private readonly FedAvgRuntime _runtime;
    private readonly LocalDurableEngine _engine;

    private LocalRuntime(LocalStorage storage, FedAvgStorage blobs, FedAvgRuntime runtime, LocalDurableEngine engine)
    {
        _storage = storage;
        Blobs = blobs;
        _runtime = runtime;
        _engine = engine;
        Predictions = new PredictionService(blobs);
    }

    public DurableTaskClient Client => _engine.Client;

    public FedAvgStorage Blobs { get; }

    public PredictionService Predictions { get; }

    public string StorageDescription => _storage.Description;

    /// <param name="dataFolder">A validated CIFAR-10 folder the user named, or null to look for one or download it.</param>
    /// <param name="download">Reports a download's progress, when one is needed.</param>
    public static async Task<LocalRuntime> StartAsync(string? dataFolder, IProgress<DownloadProgress>? download, CancellationToken cancellationToken)
    {
        LocalStorage storage = await LocalStorage.OpenAsync(LocalStorage.DefaultFolder, cancellationToken);
        FedAvgRuntime? runtime = null;
        try
        {
            var blobs = FedAvgStorage.FromConnectionString(storage.ConnectionString);
            await blobs.EnsureContainersAsync(cancellationToken);
            runtime = new FedAvgRuntime(blobs, new FedAvgRuntimeOptions
            {
                ResolveDataDirectory = token => CifarDataResolver.ResolveAsync(dataFolder, Path.GetFullPath(DownloadFolder), download, token),
            });
            FedAvgRuntime tasks = runtime;
            var engine = await LocalDurableEngine.StartAsync(
                new LocalDurableEngineOptions(storage.ConnectionString) { LoggerFactory = EngineLogging.FromEnvironment() },
                registry => FedAvgTasks.Register(registry, tasks),
                cancellationToken);
            return new LocalRuntime(storage, blobs, runtime, engine);
        }
        catch
        {
            runtime?.Dispose();
            await storage.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _engine.DisposeAsync();
        Predictions.Dispose();
        _runtime.Dispose();
        await _storage.DisposeAsync();
    }
}
