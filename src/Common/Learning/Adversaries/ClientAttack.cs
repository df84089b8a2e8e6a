using FedAvg.Common.Aggregation;
using FedAvg.Common.Data;
using FedAvg.Common.Models;
using FedAvg.Common.Partitioning;
using FedAvg.Common.Privacy;

namespace FedAvg.Common.Adversaries;

/// <summary>
/// What a hostile client does to its round, to test the aggregators against: poisons its data before it trains
/// (<see cref="TrainingData"/>) or the weights it sends after (<see cref="Corrupt"/>). Honest clients carry none.
/// </summary>
/// <remarks>
/// Only trainable parameters are corrupted: BatchNorm statistics and counters go out as trained. A sign-flipped
/// running variance would be negative, and evaluation would turn the model into NaN instead of into the wrong model the
/// attack is meant to push; the parameters alone decide what the network computes.
/// </remarks>
/// <param name="Name">One of <see cref="ClientAttacks.Names"/>.</param>
/// <param name="Scale">The factor of <see cref="ClientAttacks.SignFlip"/> and <see cref="ClientAttacks.Scale"/>; the others ignore it.</param>
public sealed record ClientAttack(string Name, double Scale)
{
    /// <summary>The data the client trains on: <paramref name="shard"/> itself, or a copy with flipped labels.</summary>
    public CifarDataset TrainingData(CifarDataset shard)
    {
        ArgumentNullException.ThrowIfNull(shard);
        if (Name != ClientAttacks.LabelFlip)
        {
            return shard;
        }

        // The shard may be a cached one other clients read: a new label array, the pixels shared read-only.
        var labels = new byte[shard.Count];
        FlippedLabels.Compute(shard.Labels, labels);
        return new CifarDataset(labels, shard.Pixels);
    }

    /// <summary>The weights the client sends instead of <paramref name="trained"/>, which it trained from <paramref name="global"/>.</summary>
    /// <param name="seed">Seeds <see cref="ClientAttacks.Random"/>'s noise: the client's training seed, so a rerun sends the same.</param>
    /// <exception cref="ArgumentException">The two models differ in layout.</exception>
    public ModelWeights Corrupt(ModelWeights global, ModelWeights trained, long seed)
    {
        ArgumentNullException.ThrowIfNull(global);
        ArgumentNullException.ThrowIfNull(trained);
        if (Name is not (ClientAttacks.SignFlip or ClientAttacks.Scale or ClientAttacks.Random))
        {
            return trained;
        }

        try
        {
            UpdateChecks.CheckLayout(global, "global", trained, "trained");
        }
        catch (AggregationException e)
        {
            throw new ArgumentException(e.Message, nameof(trained), e);
        }

        var tensors = new WeightTensor[trained.Tensors.Count];
        var parameters = Enumerable.Range(0, tensors.Length).Where(t => trained.Tensors[t].Kind == WeightKind.Parameter).ToList();
        foreach (int t in Enumerable.Range(0, tensors.Length).Except(parameters))
        {
            tensors[t] = trained.Tensors[t];
        }

        if (Name == ClientAttacks.Random)
        {
            RandomChange(global, trained, parameters, seed, tensors);
        }
        else
        {
            float factor = (float)(Name == ClientAttacks.SignFlip ? -Scale : Scale);
            foreach (int t in parameters)
            {
                var result = new float[trained.Tensors[t].FloatData!.Length];
                ScaledChange.Compute(global.Tensors[t].FloatData, trained.Tensors[t].FloatData, factor, result);
                tensors[t] = With(trained.Tensors[t], result);
            }
        }

        return new ModelWeights(trained.Architecture, tensors);
    }

    // Noise z over every parameter, then global + z·(‖trained − global‖ / ‖z‖): the honest change's length, no direction.
    private static void RandomChange(ModelWeights global, ModelWeights trained, List<int> parameters, long seed, WeightTensor[] tensors)
    {
        var random = new DeterministicRandom(seed);
        var noise = new Dictionary<int, float[]>();
        double changeSquared = 0;
        double noiseSquared = 0;
        foreach (int t in parameters)
        {
            float[] z = new float[trained.Tensors[t].FloatData!.Length];
            GaussianNoise.Compute(z, 1, random, z);
            float[] zero = new float[z.Length];
            changeSquared += SquaredDistance.Compute(trained.Tensors[t].FloatData, global.Tensors[t].FloatData);
            noiseSquared += SquaredDistance.Compute(z, zero);
            noise[t] = z;
        }

        float factor = noiseSquared > 0 ? (float)(Math.Sqrt(changeSquared) / Math.Sqrt(noiseSquared)) : 0f;
        foreach (int t in parameters)
        {
            float[] origin = global.Tensors[t].FloatData!;
            float[] result = new float[origin.Length];
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(noise[t], factor, origin, result);
            tensors[t] = With(trained.Tensors[t], result);
        }
    }

    private static WeightTensor With(WeightTensor layout, float[] values) =>
        WeightTensor.FromFloats(layout.Name, (long[])layout.Shape.Clone(), layout.Kind, values);
}
