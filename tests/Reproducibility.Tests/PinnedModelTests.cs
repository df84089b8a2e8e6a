using System.Security.Cryptography;
using System.Xml.Linq;
using FedAvg.Common.Orchestration;
using FedAvg.Common.Storage;
using FedAvg.Common.Tests.Data;
using FedAvg.Common.Tests.Fixtures;
using FedAvg.Common.Tests.Orchestration;
using static TorchSharp.torch;

namespace FedAvg.Common.Tests.Reproducibility;

/// <summary>
/// The final model of one small run on the real data, pinned by its SHA-256. The hash is that of the code before
/// the projects were split by dependency (commit 0fe0c5c): that code and this give the same model, and must keep
/// doing so through any refactoring. A change that alters training, partitioning, aggregation or the weight format
/// on purpose updates it in the same commit and says why.
/// </summary>
/// <remarks>
/// The run uses the portable kernels of PortableKernels.runsettings, so the hash is the same on every CPU. With the
/// CPU's fastest kernels it was not: the first pin (3bdec9e0…, taken on an unrecorded CPU) failed on AMD Zen 5
/// (1bc8086b…) and Zen 3 (ac976d65…), where 0fe0c5c itself gives those same hashes.
/// </remarks>
[Collection(AzuriteCollection.Name)]
public sealed class PinnedModelTests(AzuriteFixture azurite)
{
    private const string PinnedSha256 = "5bc5b39048e3c97fc83b3654d6051524699f0c3b681a94d1bdda093e2942012c";

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

    [Fact]
    public void The_process_has_the_portable_kernel_settings()
    {
        // Run any other way (an IDE without the project's run settings), the pin would fail for a reason it does not name.
        var variables = XDocument.Load(Path.Combine(AppContext.BaseDirectory, "PortableKernels.runsettings"))
            .Descendants("EnvironmentVariables").Single().Elements().ToList();

        Assert.NotEmpty(variables);
        Assert.All(variables, variable => Assert.Equal(variable.Value, Environment.GetEnvironmentVariable(variable.Name.LocalName)));
    }

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
