using FedAvg.Common.Emulator;
using FedAvg.Common.Storage;

namespace FedAvg.Common.Tests.Fixtures;

/// <summary>One in-memory Azurite for a test collection; each test takes its own containers.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteServer? _server;
    private int _next;

    public string ConnectionString => _server?.ConnectionString ?? throw new InvalidOperationException("Azurite is not running.");

    public FedAvgStorage NewStorage()
    {
        int n = Interlocked.Increment(ref _next);
        var service = new Azure.Storage.Blobs.BlobServiceClient(ConnectionString);
        return new FedAvgStorage(service, new StorageContainers($"data{n}", $"runs{n}", $"models{n}"));
    }

    public async Task InitializeAsync() => _server = await AzuriteServer.StartAsync(location: null);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
