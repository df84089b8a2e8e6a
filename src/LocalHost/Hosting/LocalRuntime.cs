using FedAvg.LocalHost.Engine;
using FedAvg.LocalHost.Storage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace FedAvg.LocalHost.Hosting;

/// <summary>
/// What <c>serve</c> and <c>train</c> run on: the storage account and the durable engine with the
/// FedAvg orchestration registered. Starting it resumes any run left unfinished in that storage.
/// </summary>
internal sealed class LocalRuntime : IAsyncDisposable
{
    private readonly LocalStorage _storage;
    private readonly LocalDurableEngine _engine;

    private LocalRuntime(LocalStorage storage, LocalDurableEngine engine)
    {
        _storage = storage;
        _engine = engine;
    }

    public DurableTaskClient Client => _engine.Client;

    public string StorageDescription => _storage.Description;

    public string StorageConnectionString => _storage.ConnectionString;

    public static async Task<LocalRuntime> StartAsync(Action<DurableTaskRegistry> registerTasks, CancellationToken cancellationToken)
    {
        LocalStorage storage = await LocalStorage.OpenAsync(LocalStorage.DefaultFolder, cancellationToken);
        try
        {
            var engine = await LocalDurableEngine.StartAsync(new LocalDurableEngineOptions(storage.ConnectionString), registerTasks, cancellationToken);
            return new LocalRuntime(storage, engine);
        }
        catch
        {
            await storage.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _engine.DisposeAsync();
        await _storage.DisposeAsync();
    }
}
