using FedAvg.Common.Aggregation;
using FedAvg.Common.Models;
using FedAvg.Common.Partitioning;
using FedAvg.Common.Training;

namespace FedAvg.Common.Privacy;

/// <summary>
/// DP-FedAvg's server side (McMahan et al. 2018, with the unweighted mean): each client's change from the global model
/// is clipped to L2 norm C over all its parameters, the clipped updates are averaged without sample weights (a weight
/// would be the client's own, unbounded, say), and Gaussian noise of std z·C/n is added to every parameter of the mean
/// of the n updates. The privacy unit is the client: one client's whole update moves the mean by at most C/n.
/// </summary>
/// <remarks>
/// Only models without buffers qualify: BatchNorm running statistics are computed from the clients' data, so they
/// would leak it unnoised, or, noised, a running variance could turn negative. Use a GroupNorm model (seed-cnn-gn).
/// </remarks>
public static class DpFedAvgAggregator
{
    private const long UpdateNoiseStream = 1;
    private const long CountNoiseStream = 2;

    /// <param name="global">The global model the clients started this round from.</param>
    /// <param name="clipNorm">This round's clip: <see cref="DifferentialPrivacyOptions.ClipNorm"/> in the first round, then the previous round's <see cref="DpAggregate.NextClipNorm"/>.</param>
    /// <param name="noiseSeed">Seeds the noise; derive it per run and round (<see cref="SeedMixer"/>) so that a retried aggregation draws the same noise.</param>
    /// <exception cref="AggregationException">
    /// A malformed or non-finite update (its client named); or, naming no client, a global model of another layout or with buffers.
    /// </exception>
    /// <exception cref="ArgumentException">Invalid options or clip.</exception>
    public static DpAggregate Aggregate(ModelWeights global, IReadOnlyList<ClientUpdate> updates, DifferentialPrivacyOptions options, double clipNorm, long noiseSeed)
    {
        ArgumentNullException.ThrowIfNull(global);
        ArgumentNullException.ThrowIfNull(updates);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (!(double.IsFinite(clipNorm) && clipNorm > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(clipNorm), clipNorm, "The clip norm must be finite and > 0.");
        }

        CheckGlobal(global);
        UpdateChecks.ValidateFinite(updates);
        CheckLayout(global, updates[0]);

        int n = updates.Count;
        var clipped = new ClientUpdate[n];
        int unclipped = 0;
        for (int c = 0; c < n; c++)
        {
            var (weights, withinClip) = Clip(global, updates[c].Weights, clipNorm);
            clipped[c] = new ClientUpdate(updates[c].ClientId, weights, 1);
            unclipped += withinClip ? 1 : 0;
        }

        double countStd = options.UnclippedCountNoiseStd ?? n / 20.0;
        double multiplier = options.AdaptiveClipping
            ? AdaptiveClipNorm.UpdateNoiseMultiplier(options.NoiseMultiplier, countStd)
            : options.NoiseMultiplier;
        double std = multiplier * clipNorm / n;

        // The mean's arrays are new and ours, so the noise goes in place.
        ModelWeights mean = FedAvgAggregator.Average(clipped);
        var updateNoise = new DeterministicRandom(SeedMixer.Derive(noiseSeed, UpdateNoiseStream));
        foreach (WeightTensor tensor in mean.Tensors)
        {
            GaussianNoise.Compute(tensor.FloatData, std, updateNoise, tensor.FloatData);
        }

        double next = options.AdaptiveClipping
            ? AdaptiveClipNorm.Next(clipNorm, unclipped, n, options.TargetUnclippedQuantile, options.ClipLearningRate, countStd, new DeterministicRandom(SeedMixer.Derive(noiseSeed, CountNoiseStream)))
            : clipNorm;
        return new DpAggregate(mean, clipNorm, unclipped, std, next);
    }

    /// <summary>‖update − global‖ over every parameter; the update unchanged (bit for bit) when within the clip, else scaled onto it.</summary>
    internal static (ModelWeights Weights, bool WithinClip) Clip(ModelWeights global, ModelWeights update, double clipNorm)
    {
        double squared = 0;
        for (int t = 0; t < global.Tensors.Count; t++)
        {
            squared += SquaredDistance.Compute(update.Tensors[t].FloatData, global.Tensors[t].FloatData);
        }

        double norm = Math.Sqrt(squared);
        if (norm <= clipNorm)
        {
            return (update, true);
        }

        double scale = clipNorm / norm;
        var tensors = new List<WeightTensor>(global.Tensors.Count);
        for (int t = 0; t < global.Tensors.Count; t++)
        {
            WeightTensor tensor = update.Tensors[t];
            float[] values = new float[tensor.ElementCount];
            ClippedDelta.Compute(global.Tensors[t].FloatData, tensor.FloatData, scale, values);
            tensors.Add(WeightTensor.FromFloats(tensor.Name, tensor.Shape, tensor.Kind, values));
        }

        return (new ModelWeights(update.Architecture, tensors), false);
    }

    private static void CheckGlobal(ModelWeights global)
    {
        if (global.Tensors.FirstOrDefault(t => t.Kind != WeightKind.Parameter) is { } buffer)
        {
            throw new AggregationException($"DP-FedAvg releases only noised parameters, but '{global.Architecture}' has the {buffer.Kind} '{buffer.Name}': BatchNorm statistics come from the clients' data and would escape the noise. Use a model without buffers, such as seed-cnn-gn.", clientId: null);
        }

        if (global.Tensors.FirstOrDefault(t => UpdateChecks.FirstNonFinite(t) is not null) is { } broken)
        {
            throw new AggregationException($"The global model's tensor '{broken.Name}' is not finite.", clientId: null);
        }
    }

    private static void CheckLayout(ModelWeights global, ClientUpdate first)
    {
        ModelWeights weights = first.Weights;
        if (weights.Architecture != global.Architecture || weights.Tensors.Count != global.Tensors.Count
            || global.Tensors.Where((t, i) => !t.HasSameLayout(weights.Tensors[i])).Any())
        {
            throw new AggregationException($"The updates ('{weights.Architecture}', {weights.Tensors.Count} tensors) do not have the global model's tensors ('{global.Architecture}', {global.Tensors.Count}).", clientId: null);
        }
    }
}
