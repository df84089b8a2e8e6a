using System.Numerics.Tensors;
using FedAvg.Common.Models;

namespace FedAvg.Common.Aggregation;

/// <summary>
/// What every aggregator requires of a round's updates before it combines them, with errors that name the client
/// at fault so the caller can leave that client out and aggregate the rest.
/// </summary>
internal static class UpdateChecks
{
    /// <summary>At least one update; each non-null, with a client id, weights, a positive sample count; no client twice; one layout.</summary>
    /// <exception cref="AggregationException">The first update that breaks a rule, named.</exception>
    public static void Validate(IReadOnlyList<ClientUpdate> updates)
    {
        if (updates.Count == 0)
        {
            throw new AggregationException("There are no client updates to average.", clientId: null);
        }

        ModelWeights? reference = null;
        string? referenceClient = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (ClientUpdate update in updates)
        {
            CheckUpdate(update, seen);
            if (reference is null)
            {
                reference = update.Weights;
                referenceClient = update.ClientId;
            }
            else
            {
                CheckLayout(reference, referenceClient!, update.Weights, update.ClientId);
            }
        }
    }

    /// <summary>One update on its own: it is there, names a client not <paramref name="seen"/> before, and has samples.</summary>
    /// <exception cref="AggregationException">The rule it breaks, naming it.</exception>
    public static void CheckUpdate(ClientUpdate update, ISet<string> seen)
    {
        if (update is null)
        {
            throw new AggregationException("A client update is null.", clientId: null);
        }

        string client = update.ClientId;
        if (string.IsNullOrWhiteSpace(client) || update.Weights is null)
        {
            throw new AggregationException($"Client update '{client}' has no client id or no weights.", client);
        }

        if (!seen.Add(client))
        {
            throw new AggregationException($"Client '{client}' sent more than one update.", client);
        }

        if (update.Samples <= 0)
        {
            throw new AggregationException($"Client '{client}' reports {update.Samples} samples; a client needs at least one to be averaged.", client);
        }
    }

    /// <summary>The first NaN or infinity in client order, as the error that names its client; null when there is none.</summary>
    public static AggregationException? Diverged(IReadOnlyList<ClientUpdate> updates) =>
        updates.Select(Diverged).FirstOrDefault(e => e is not null);

    /// <summary>The first NaN or infinity <paramref name="update"/> sent, as the error that names its client; null when there is none.</summary>
    public static AggregationException? Diverged(ClientUpdate update)
    {
        foreach (WeightTensor tensor in update.Weights.Tensors)
        {
            if (FirstNonFinite(tensor) is int at)
            {
                return new AggregationException($"Client '{update.ClientId}' sent {tensor.FloatData![at]} in tensor '{tensor.Name}' at index {at}; its training diverged.", update.ClientId);
            }
        }

        return null;
    }

    /// <summary><see cref="Validate"/>, then a scan of every value for NaN and infinities (which a sum would not catch in a median or a selection).</summary>
    /// <exception cref="AggregationException">The first update that breaks a rule, named.</exception>
    public static void ValidateFinite(IReadOnlyList<ClientUpdate> updates)
    {
        Validate(updates);
        if (Diverged(updates) is { } diverged)
        {
            throw diverged;
        }
    }

    public static int? FirstNonFinite(WeightTensor tensor)
    {
        if (tensor.FloatData is not { } values || TensorPrimitives.IsFiniteAll<float>(values))
        {
            return null;
        }

        return Array.FindIndex(values, v => !float.IsFinite(v));
    }

    public static void CheckLayout(ModelWeights reference, string referenceClient, ModelWeights weights, string client)
    {
        if (weights.Architecture != reference.Architecture)
        {
            throw new AggregationException($"Client '{client}' sent weights of architecture '{weights.Architecture}', but client '{referenceClient}' sent '{reference.Architecture}'.", client);
        }

        if (weights.Tensors.Count != reference.Tensors.Count)
        {
            throw new AggregationException($"Client '{client}' sent {weights.Tensors.Count} tensors, but client '{referenceClient}' sent {reference.Tensors.Count}.", client);
        }

        for (int t = 0; t < reference.Tensors.Count; t++)
        {
            WeightTensor expected = reference.Tensors[t];
            WeightTensor actual = weights.Tensors[t];
            if (!expected.HasSameLayout(actual))
            {
                throw new AggregationException($"Client '{client}' sent tensor '{actual.Name}' {actual.Kind} {actual.ShapeText} where client '{referenceClient}' sent '{expected.Name}' {expected.Kind} {expected.ShapeText}.", client);
            }
        }
    }
}
