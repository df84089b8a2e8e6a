using System.Security.Cryptography;
using FedAvg.Common.Orchestration;
using FedAvg.Common.Storage;
using FedAvg.Common.Tests.Data;
using FedAvg.Common.Tests.Fixtures;
using static TorchSharp.torch;

namespace FedAvg.Common.Tests.Orchestration;

/// <summary>
/// The final model of one small run on the real data, pinned by its SHA-256. The hash was taken from the
/// code before the projects were split by dependency (commit 0fe0c5c) and must not move with any
/// refactoring: a change that alters training, partitioning, aggregation or the weight format on purpose
/// updates it in the same commit and says why.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class PinnedModelTests(AzuriteFixture azurite)
{
    private const string PinnedSha256 = "3bdec9e03476d8eb57386e7924f8d0eb5fb46d0a16737ef6e57ea70b6a1d1c07";

    // Every field is spelled out, so a change of defaults or presets cannot change what this run means.
    private static readonly TrainingRequest Request = new()
    {
        Rounds = 2,
        Clients = 3,
        Partition = "dirichlet",
        Alpha = 1.0,
        ClientsPerRound = 3,
        Fraction = 1.0,
        MinClientsPerRound = 1,
        LocalEpochs = 1,
        BatchSize = 32,
        LearningRate = 0.03,
        LearningRateSchedule = "constant",
        Momentum = 0.9,
        WeightDecay = 0,
        Augmentation = false,
        Model = "seed-cnn",
        Seed = 42,
        ServerLearningRate = 1.0,
        ServerMomentum = 0,
        TrainLimit = null,
        TestLimit = 200,
    };

    [RealDataFact]
    public async Task Small_real_data_run_ends_in_the_pinned_model()
    {
        // Bit-identity holds for a given torch thread count; 2 is what this project's machines have.
        int threads = get_num_threads();
        set_num_threads(2);
        try
        {
            await using var harness = await OrchestrationHarness.StartAsync(azurite);
            var result = await harness.RunToResultAsync(Request, instanceId: "pinned-model-run");

            using var model = await FedAvgStorage.DownloadAsync(harness.Storage.Models, result.FinalModelBlob);
            string sha = Convert.ToHexStringLower(SHA256.HashData(model.ToArray()));
            Assert.Equal(PinnedSha256, sha);
        }
        finally
        {
            set_num_threads(threads);
        }
    }
}
