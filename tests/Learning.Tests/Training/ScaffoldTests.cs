using FedAvg.Common.Data;
using FedAvg.Common.Models;
using FedAvg.Common.Tests.TestData;
using FedAvg.Common.Training;

namespace FedAvg.Common.Tests.Training;

/// <summary>SCAFFOLD's control variates in local training (Karimireddy et al. 2020).</summary>
[Collection(TorchSerial.Name)]
public sealed class ScaffoldTests
{
    [Fact]
    public void Zero_variates_train_bit_for_bit_as_fedavg_and_return_the_average_step_as_c_i()
    {
        // 160 samples in batches of 32 for 2 epochs: K = 10 steps at η = 0.05, so c_i⁺ = 0 − 0 + (x − y)/(10·0.05) = 2·(x − y).
        var data = SyntheticData.Random(160, seed: 31);
        var options = new LocalTrainingOptions { Epochs = 2, BatchSize = 32, LearningRate = 0.05, Momentum = 0.9, WeightDecay = 5e-4, Augment = true, Seed = 9 };

        var (global, plain, _) = Train(data, options, zero: false);
        var (_, scaffold, result) = Train(data, options, zero: true);

        WeightsAssert.BitIdentical(plain, scaffold);
        WeightTensor control = result.ClientControl!.Find("fc2.weight")!;
        float[] x = global.Find("fc2.weight")!.FloatData!;
        float[] y = scaffold.Find("fc2.weight")!.FloatData!;
        for (int i = 0; i < x.Length; i += 97)
        {
            Assert.Equal((x[i] - y[i]) * 2f, control.FloatData![i], 1e-6f);
        }

        Assert.All(result.ClientControl.Tensors, t => Assert.Equal(WeightKind.Parameter, t.Kind));
    }

    [Fact]
    public void One_step_follows_the_gradient_plus_c_minus_c_i_and_c_i_becomes_that_gradient()
    {
        // One batch of all 32 samples, no momentum or weight decay: plain y₀ = x − η·g, SCAFFOLD y = x − η·(g + c − c_i).
        // With c = 0.5 and c_i = 0 everywhere, y = y₀ − 0.05·0.5 = y₀ − 0.025, and c_i⁺ = c_i − c + (x − y)/(1·η)
        // = −0.5 + (g + 0.5) = g = (x − y₀)/η. Same seed, same batch and dropout mask, so g is the same in both runs.
        var data = SyntheticData.Random(32, seed: 32);
        var options = new LocalTrainingOptions { Epochs = 1, BatchSize = 32, LearningRate = 0.05, Momentum = 0, Seed = 10 };

        var (global, plain, _) = Train(data, options, zero: false);
        var (scaffold, result) = TrainWithServerControl(data, options, 0.5f);

        foreach (string name in new[] { "conv1.weight", "bn2.bias", "fc1.bias", "fc2.weight" })
        {
            float[] x = global.Find(name)!.FloatData!;
            float[] y0 = plain.Find(name)!.FloatData!;
            float[] y = scaffold.Find(name)!.FloatData!;
            float[] control = result.ClientControl!.Find(name)!.FloatData!;
            for (int i = 0; i < y.Length; i += 7)
            {
                Assert.Equal(y0[i] - 0.025f, y[i], 1e-6f);
                Assert.Equal((x[i] - y0[i]) / 0.05f, control[i], 1e-4f);
            }
        }
    }

    [Fact]
    public void The_correction_moves_the_weights_each_step_outside_the_momentum()
    {
        // Three steps with momentum 0.9 and c − c_i = 0.5 at η = 0.001: outside the momentum the correction moves every
        // weight by 3·0.001·0.5 = 0.0015 more than plain SGD does; carried by the momentum it would be
        // 0.001·0.5·(1 + 1.9 + 2.71) = 0.0028. The two runs' gradients differ a little (their weights do), so the check
        // allows 0.0005 either side, which still tells the two apart.
        var data = SyntheticData.Random(96, seed: 34);
        var options = new LocalTrainingOptions { Epochs = 1, BatchSize = 32, LearningRate = 0.001, Momentum = 0.9, Seed = 11 };

        var (_, plain, _) = Train(data, options, zero: false);
        var (scaffold, _) = TrainWithServerControl(data, options, 0.5f);

        foreach (string name in new[] { "conv1.weight", "bn2.bias", "fc1.bias", "fc2.weight" })
        {
            float[] y0 = plain.Find(name)!.FloatData!;
            float[] y = scaffold.Find(name)!.FloatData!;
            for (int i = 0; i < y.Length; i += 7)
            {
                Assert.Equal(y0[i] - 0.0015f, y[i], 5e-4f);
            }
        }
    }

    [Fact]
    public void Variates_that_do_not_match_each_other_or_the_model_are_refused()
    {
        using var model = ModelCatalog.Create("seed-cnn", 3);
        var zero = ScaffoldControls.Zero(ModelWeights.FromModule(model, "seed-cnn"));
        var shorter = new ModelWeights("seed-cnn", zero.Client.Tensors.Skip(1));
        var data = SyntheticData.Random(8, seed: 33);

        var mismatched = Assert.ThrowsAny<ArgumentException>(new LocalTrainingOptions { Scaffold = zero with { Client = shorter } }.Validate);
        Assert.Equal(nameof(LocalTrainingOptions.Scaffold), mismatched.ParamName);
        using var other = ModelCatalog.Create("seed-cnn-gn", 3);
        Assert.ThrowsAny<ArgumentException>(() => LocalTrainer.Train(other, data, new LocalTrainingOptions { Scaffold = zero }));
    }

    [Fact]
    public void The_control_update_kernel_is_c_i_minus_c_plus_scaled_step()
    {
        // [1 − 0.5 + 2·(3 − 2), 0 − 2 + 2·(1 − 1.5)] = [2.5, −3], written over c_i.
        float[] clientControl = [1, 0];

        ScaffoldControlUpdate.Compute(clientControl, [0.5f, 2], [3, 1], [2, 1.5f], 2, clientControl);

        Assert.Equal([2.5f, -3f], clientControl);
        var nan = new float[1];
        ScaffoldControlUpdate.Compute([0], [0], [float.NaN], [0], 1, nan);
        Assert.True(float.IsNaN(nan[0]));
        ScaffoldControlUpdate.Compute([], [], [], [], 1, []);
        Assert.Throws<ArgumentException>(() => ScaffoldControlUpdate.Compute([0], [0], [0], [0, 1], 1, new float[1]));
    }

    /// <summary>Trains the same initial model with c = <paramref name="serverControl"/> everywhere and c_i = 0.</summary>
    private static (ModelWeights Trained, LocalTrainingResult Result) TrainWithServerControl(CifarDataset data, LocalTrainingOptions options, float serverControl)
    {
        using var model = ModelCatalog.Create("seed-cnn", 3);
        var zero = ScaffoldControls.Zero(ModelWeights.FromModule(model, "seed-cnn"));
        var server = new ModelWeights(zero.Server.Architecture, zero.Server.Tensors.Select(t => WeightTensor.FromFloats(t.Name, t.Shape, t.Kind, [.. t.FloatData!.Select(_ => serverControl)])));
        var result = LocalTrainer.Train(model, data, options with { Scaffold = new ScaffoldControls(server, zero.Client) });
        return (ModelWeights.FromModule(model, "seed-cnn"), result);
    }

    private static (ModelWeights Global, ModelWeights Trained, LocalTrainingResult Result) Train(CifarDataset data, LocalTrainingOptions options, bool zero)
    {
        using var model = ModelCatalog.Create("seed-cnn", 3);
        var global = ModelWeights.FromModule(model, "seed-cnn");
        var result = LocalTrainer.Train(model, data, zero ? options with { Scaffold = ScaffoldControls.Zero(global) } : options);
        return (global, ModelWeights.FromModule(model, "seed-cnn"), result);
    }
}
