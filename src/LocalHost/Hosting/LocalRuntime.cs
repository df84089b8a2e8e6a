using FedAvg.Common.Data;
using FedAvg.Common.Orchestration;
using FedAvg.Common.Prediction;
using FedAvg.Common.Storage;
using FedAvg.LocalHost.Engine;
using FedAvg.LocalHost.Storage;
using Microsoft.DurableTask.Client;

namespace FedAvg.LocalHost.Hosting;

/// <summary>
/// What the commands run on: the storage account, the FedAvg activities' runtime and the durable
/// engine with the orchestration registered. Starting its work resumes any run left unfinished in
/// that storage; opening it alone does not. Public so that notebooks/fedavg.ipynb drives the same engine
/// as <c>fedavg train</c>.
/// </summary>
public sealed class LocalRuntime : IAsyncDisposable
{
    /// <summary>Where a downloaded CIFAR-10 goes: ./data/cifar-10-batches-bin is then found next time.</summary>
    public const string DownloadFolder = "data";

    private static readonly TimeSpan LossNoticed = TimeSpan.FromSeconds(2);

    private readonly LocalStorage _storage;
    private readonly FedAvgRuntime _runtime;
    private readonly LocalDurableEngine _engine;

    private LocalRuntime(LocalStorage storage, FedAvgStorage blobs, FedAvgRuntime runtime, LocalDurableEngine engine, string? dataFolder)
    {
        _storage = storage;
        DataFolder = dataFolder;
        Blobs = blobs;
        _runtime = runtime;
        _engine = engine;
        Predictions = new PredictionService(blobs);
    }

    public DurableTaskClient Client => _engine.Client;

    public FedAvgStorage Blobs { get; }

    public PredictionService Predictions { get; }

    public string StorageDescription => _storage.Description;

    /// <summary>The CIFAR-10 folder a run would import: the one named or found; null when it would be downloaded.</summary>
    public string? DataFolder { get; }

    /// <summary>The CIFAR-10 folder a run imports, downloading the data set first when there is none.</summary>
    public Task<string> ResolveDataAsync(CancellationToken cancellationToken) => _runtime.Options.ResolveDataDirectory(cancellationToken);

    /// <summary>Storage and the engine's client, then a worker that resumes every unfinished run.</summary>
    /// <param name="dataFolder">A validated CIFAR-10 folder the user named, or null to look for one or download it.</param>
    /// <param name="download">Reports a download's progress, when one is needed.</param>
    public static async Task<LocalRuntime> StartAsync(string? dataFolder, IProgress<DownloadProgress>? download, CancellationToken cancellationToken)
    {
        LocalRuntime runtime = await OpenAsync(dataFolder, download, cancellationToken);
        try
        {
            await runtime.StartWorkAsync(cancellationToken);
            return runtime;
        }
        catch
        {
            await runtime.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Storage and the engine's client only: the task hub can be queried and runs scheduled, but
    /// nothing runs until <see cref="StartWorkAsync"/> or <see cref="StartOrchestrationsOnlyAsync"/>.
    /// </summary>
    public static async Task<LocalRuntime> OpenAsync(string? dataFolder, IProgress<DownloadProgress>? download, CancellationToken cancellationToken)
    {
        LocalStorage storage = await LocalStorage.OpenAsync(LocalStorage.Folder, cancellationToken);
        FedAvgRuntime? runtime = null;
        try
        {
            var blobs = FedAvgStorage.FromConnectionString(storage.ConnectionString);
            await blobs.EnsureContainersAsync(cancellationToken);
            runtime = new FedAvgRuntime(blobs, new FedAvgRuntimeOptions
            {
                ResolveDataDirectory = token => CifarDataResolver.ResolveAsync(dataFolder, Path.GetFullPath(DownloadFolder), download, token),
                KeepClientUpdates = FedAvgRuntimeOptions.KeepClientUpdatesFromEnvironment(),
            });
            var engine = await LocalDurableEngine.OpenAsync(
                new LocalDurableEngineOptions(storage.ConnectionString)
                {
                    LoggerFactory = EngineLogging.FromEnvironment(),
                    KeepRoundHistory = LocalDurableEngineOptions.KeepRoundHistoryFromEnvironment(),
                },
                cancellationToken);
            return new LocalRuntime(storage, blobs, runtime, engine, dataFolder);
        }
        catch
        {
            runtime?.Dispose();
            await storage.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// <paramref name="work"/>, unless the storage goes away first: then the work is cancelled and a
    /// <see cref="StorageLostException"/> says so at once, rather than after the requests' retries.
    /// </summary>
    public async Task<T> WhileStorageAnswersAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<T> running = work(cancel.Token);
        Task<string> lost = _storage.Lost;
        if (await Task.WhenAny(running, lost) == running)
        {
            // Work that failed because the emulator died may notice before the process exit does.
            if (running.IsFaulted)
            {
                await Task.WhenAny(lost, Task.Delay(LossNoticed, CancellationToken.None));
            }

            // Ctrl+C reaches the terminal's Azurite too: a stop asked for is a stop, not a loss.
            if (!_storage.IsLost || cancellationToken.IsCancellationRequested)
            {
                return await running;
            }
        }

        await cancel.CancelAsync();
        try
        {
            await running;
        }
#pragma warning disable CA1031 // The storage's loss is the reason; what the cut-off work threw follows from it.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        throw new StorageLostException(await lost);
    }

    /// <summary>Runs everything in the task hub from now on: new runs, and every unfinished one.</summary>
    public Task StartWorkAsync(CancellationToken cancellationToken) =>
        _engine.StartWorkerAsync(registry => FedAvgTasks.Register(registry, _runtime), EngineWork.Everything, cancellationToken);

    /// <summary>
    /// Advances orchestrations without running any activity here, so terminations take effect while
    /// no run's training starts in this process.
    /// </summary>
    public Task StartOrchestrationsOnlyAsync(CancellationToken cancellationToken) =>
        _engine.StartWorkerAsync(FedAvgTasks.RegisterOrchestrator, EngineWork.OrchestrationsOnly, cancellationToken);

    /// <summary>
    /// Runs activities from the task hub and no orchestration (<c>fedavg worker</c>): another process's runs train here too,
    /// and this one never takes their orchestrations over. An activity cut off by a kill reappears on the queue once its
    /// lock lapses, for any worker.
    /// </summary>
    /// <param name="observer">Told of each activity as it starts and ends.</param>
    public Task StartActivitiesOnlyAsync(ActivityObserver? observer, CancellationToken cancellationToken) =>
        _engine.StartWorkerAsync(registry => FedAvgTasks.RegisterActivities(registry, _runtime, observer), EngineWork.ActivitiesOnly, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        // The worker first, so an activity cancelled below reports to no one and runs again on resume.
        await _engine.DisposeAsync();
        await _runtime.StopComputationsAsync(TimeSpan.FromSeconds(30));
        Predictions.Dispose();
        _runtime.Dispose();
        await _storage.DisposeAsync();
    }
}
