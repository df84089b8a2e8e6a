using FedAvg.Common.Emulator;
using System.Text.Json;
using FedAvg.Common.Data;
using FedAvg.Common.Models;
using FedAvg.Common.Orchestration;
using FedAvg.Common.Storage;
using FedAvg.Common.Training;

namespace FedAvg.Common.Tests.Fixtures;

/// <summary>
/// A seed-cnn trained briefly on 5,000 real CIFAR-10 images, stored in Azurite as run
/// <see cref="RunId"/>'s round-1 global model and as the latest completed model.
/// </summary>
public sealed class TrainedModelFixture : IAsyncLifetime
{
    public const string RunId = "predict-fixture";

    private AzuriteServer? _azurite;

    public FedAvgStorage Storage { get; private set; } = null!;

    public ModelWeights Weights { get; private set; } = null!;

    public CifarDataset Test { get; } = CifarBinaryReader.ReadTestSet(RealData.Directory, 200);

    public string ConnectionString => _azurite!.ConnectionString;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteServer.StartAsync(location: null);
        Storage = FedAvgStorage.FromConnectionString(_azurite.ConnectionString);
        await Storage.EnsureContainersAsync();

        using var model = ModelCatalog.Create("seed-cnn", seed: 1);
        LocalTrainer.Train(model, CifarBinaryReader.ReadTrainingSet(RealData.Directory, 5000), new LocalTrainingOptions
        {
            Epochs = 2,
            BatchSize = 64,
            LearningRate = 0.03,
            Momentum = 0.9,
            Seed = 1,
        });
        Weights = ModelWeights.FromModule(model, "seed-cnn");
        string blob = BlobNames.GlobalModel(RunId, 1);
        await ModelBlobs.WriteAsync(Storage.Models, blob, Weights, CancellationToken.None);
        var latest = new LatestModel(RunId, 1, "seed-cnn", blob, 0, DateTimeOffset.UtcNow);
        await FedAvgStorage.UploadAsync(Storage.Models, BlobNames.LatestModel, s => JsonSerializer.Serialize(s, latest, JsonDefaults.Options));
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
