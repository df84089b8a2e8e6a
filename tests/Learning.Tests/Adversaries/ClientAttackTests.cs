using FedAvg.Common.Adversaries;
using FedAvg.Common.Data;
using FedAvg.Common.Models;

namespace FedAvg.Common.Tests.Adversaries;

/// <summary>What a hostile client sends, on hand-made models.</summary>
public sealed class ClientAttackTests
{
    private static readonly ModelWeights Global = Model([1f, 2f, 3f, 4f], [0.5f], runningVar: 1f, batches: 5);

    private static readonly ModelWeights Trained = Model([1.5f, 1f, 3f, 6f], [0.25f], runningVar: 0.5f, batches: 9);

    [Fact]
    public void Sign_flip_sends_the_parameters_change_reversed_and_scaled_and_the_buffers_as_trained()
    {
        var sent = new ClientAttack(ClientAttacks.SignFlip, 10).Corrupt(Global, Trained, seed: 1);

        // Changes {0.5, −1, 0, 2} and {−0.25}, times −10, from the global model.
        Assert.Equal([-4f, 12f, 3f, -16f], sent.Find("w")!.FloatData!);
        Assert.Equal([3f], sent.Find("b")!.FloatData!);
        Assert.Equal([0.5f], sent.Find("bn.running_var")!.FloatData!);
        Assert.Equal([9L], sent.Find("bn.num_batches_tracked")!.IntegerData!);
    }

    [Fact]
    public void Scale_sends_the_change_magnified()
    {
        var sent = new ClientAttack(ClientAttacks.Scale, 3).Corrupt(Global, Trained, seed: 1);

        Assert.Equal([2.5f, -1f, 3f, 10f], sent.Find("w")!.FloatData!);
        Assert.Equal([-0.25f], sent.Find("b")!.FloatData!);
    }

    [Fact]
    public void Random_sends_seeded_noise_as_long_as_the_honest_change()
    {
        var attack = new ClientAttack(ClientAttacks.Random, 10);
        var sent = attack.Corrupt(Global, Trained, seed: 7);

        // ‖change‖² = 0.25 + 1 + 0 + 4 + 0.0625 = 5.3125, over both parameter tensors.
        double length = Math.Sqrt(Change(sent).Sum(d => d * d));
        Assert.Equal(Math.Sqrt(5.3125), length, 5);
        Assert.NotEqual(Change(Trained), Change(sent));
        Assert.Equal(Change(sent), Change(attack.Corrupt(Global, Trained, seed: 7)));
        Assert.NotEqual(Change(sent), Change(attack.Corrupt(Global, Trained, seed: 8)));
        Assert.Equal([0.5f], sent.Find("bn.running_var")!.FloatData!);
    }

    [Fact]
    public void Label_flip_trains_on_a_copy_with_labels_nine_minus_y_and_sends_its_weights_unchanged()
    {
        var shard = new CifarDataset([0, 3, 9], new byte[3 * CifarDataset.ImageBytes]);
        var attack = new ClientAttack(ClientAttacks.LabelFlip, 10);

        var poisoned = attack.TrainingData(shard);

        Assert.Equal([9, 6, 0], poisoned.Labels);
        Assert.Equal([0, 3, 9], shard.Labels);
        Assert.Same(Trained, attack.Corrupt(Global, Trained, seed: 1));
        Assert.Same(shard, new ClientAttack(ClientAttacks.SignFlip, 10).TrainingData(shard));
    }

    [Fact]
    public void A_trained_model_of_another_layout_is_refused()
    {
        var other = new ModelWeights("m", [WeightTensor.FromFloats("w", [4], WeightKind.Parameter, [1f, 2f, 3f, 4f])]);
        Assert.Throws<ArgumentException>(() => new ClientAttack(ClientAttacks.SignFlip, 10).Corrupt(Global, other, seed: 1));
    }

    private static double[] Change(ModelWeights sent) =>
    [
        .. sent.Find("w")!.FloatData!.Zip(Global.Find("w")!.FloatData!, (s, g) => (double)s - g),
        .. sent.Find("b")!.FloatData!.Zip(Global.Find("b")!.FloatData!, (s, g) => (double)s - g),
    ];

    private static ModelWeights Model(float[] w, float[] b, float runningVar, long batches) => new("m",
    [
        WeightTensor.FromFloats("w", [w.Length], WeightKind.Parameter, w),
        WeightTensor.FromFloats("b", [b.Length], WeightKind.Parameter, b),
        WeightTensor.FromFloats("bn.running_var", [1], WeightKind.FloatBuffer, [runningVar]),
        WeightTensor.FromIntegers("bn.num_batches_tracked", [], [batches]),
    ]);
}
