using System.Diagnostics;
using FedAvg.Common.Aggregation;
using FedAvg.Common.Models;
using FedAvg.Common.Privacy;

namespace FedAvg.Common.Orchestration.Activities;

/// <summary>
/// DP-FedAvg's half of <see cref="AggregateActivity"/>: every update of the round is read into memory (as the robust
/// aggregators read them) and, with the global model the clients started from, given to
/// <see cref="DpFedAvgAggregator"/>, which clips each change, averages them unweighted and adds the noise. Updates
/// that cannot be read or fail the usual checks are left out and reported, as every aggregator's are. The noise is
/// drawn from the input's seed, so a retry writes the same model.
/// </summary>
internal static class PrivateAggregation
{
    /// <param name="remaining">The round's updates in client order; on return, only those the result is made of.</param>
    /// <param name="rejected">Gets the updates left out, with why.</param>
    /// <param name="global">The model the clients trained from.</param>
    /// <returns>
    /// The noised mean and the round's privacy; a null mean when fewer than <see cref="AggregateInput.MinUpdates"/>
    /// updates are usable, with <c>Error</c> set when the aggregator itself refuses the round (a model with buffers).
    /// </returns>
    public static async Task<(ModelWeights? Aggregate, long Bytes, string? Error, RoundPrivacy? Privacy)> RunAsync(
        AggregateInput input,
        PrivacyInput privacy,
        List<UpdateRef> remaining,
        List<ClientFailure> rejected,
        Func<UpdateRef, Task<(ModelWeights? Weights, string? Error)>> read,
        Func<Task<ModelWeights>> global,
        Stopwatch folding)
    {
        var (updates, bytes) = await RobustAggregation.ReadAllAsync(input, remaining, rejected, read, folding).ConfigureAwait(false);
        if (updates.Count < input.MinUpdates || updates.Count == 0)
        {
            return (null, bytes, null, null);
        }

        var start = await global().ConfigureAwait(false);
        folding.Start();
        try
        {
            var result = DpFedAvgAggregator.Aggregate(start, updates, privacy.Options, privacy.ClipNorm, privacy.NoiseSeed);
            var spent = RdpAccountant.Epsilon(privacy.SamplingRate, privacy.Options.NoiseMultiplier, input.Round, privacy.Options.Delta);
            double? epsilon = double.IsFinite(spent.Epsilon) ? spent.Epsilon : null;
            return (result.Average, bytes, null,
                new RoundPrivacy(epsilon, spent.Delta, result.ClipNorm, result.NoiseStd, result.Unclipped, result.NextClipNorm));
        }
        catch (AggregationException e) when (e.ClientId is null)
        {
            return (null, bytes, $"{PrivacyNames.DpFedAvg} refused the round's {updates.Count} usable updates: {e.Message}", null);
        }
        finally
        {
            folding.Stop();
        }
    }
}
