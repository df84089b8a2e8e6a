using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using FedAvg.Common.Orchestration;

using FedAvg.Common.Storage;

namespace FedAvg.Common.Prediction;

/// <summary>
/// Classifies images with the newest completed global model, or a given run's newest round. A model
/// is loaded once and kept until storage says a newer one exists (checked at most every
/// <see cref="RefreshInterval"/>, so a busy endpoint costs storage almost nothing).
/// </summary>
/// <param name="storage">Where the global models are.</param>
/// <param name="lanes">Forward passes that may run at once; the processor count when null.</param>
public sealed class PredictionService(FedAvgStorage storage, int? lanes = null) : IDisposable
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(2);
    private const string LatestKey = "";

    private readonly ConcurrentDictionary<string, Cached> _models = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _loading = new(1);
    private InferenceThreads? _threads;
    private readonly int _lanes = lanes is null ? Environment.ProcessorCount
        : lanes >= 1 ? lanes.Value : throw new ArgumentOutOfRangeException(nameof(lanes), lanes, "At least one prediction must be allowed to run.");

    public async Task<Prediction> PredictAsync(byte[] pixels, string? runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        var model = await GetModelAsync(runId ?? LatestKey, cancellationToken).ConfigureAwait(false);
        return await model.PredictAsync(pixels).ConfigureAwait(false);
    }

    public void Dispose()
    {
        foreach (var cached in _models.Values)
        {
            cached.Model.Dispose();
        }

        _loading.Dispose();
        _threads?.Dispose();
    }

    private async Task<LoadedModel> GetModelAsync(string key, CancellationToken cancellationToken)
    {
        if (_models.TryGetValue(key, out var cached) && DateTime.UtcNow - cached.CheckedAt < RefreshInterval)
        {
            return cached.Model;
        }

        await _loading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_models.TryGetValue(key, out cached) && DateTime.UtcNow - cached.CheckedAt < RefreshInterval)
            {
                return cached.Model;
            }

            var (runId, round, blob) = key == LatestKey
                ? await FindLatestAsync(cancellationToken).ConfigureAwait(false)
                : await FindNewestRoundAsync(key, cancellationToken).ConfigureAwait(false);
            if (cached is not null && cached.Model.Blob == blob)
            {
                _models[key] = cached with { CheckedAt = DateTime.UtcNow };
                return cached.Model;
            }

            var weights = await ModelBlobs.ReadAsync(storage.Models, blob, cancellationToken).ConfigureAwait(false);
            var model = new LoadedModel(new ModelIdentity(runId, round, weights.Architecture), blob, weights, _threads ??= new InferenceThreads(_lanes));
            // The replaced model may still be answering a request; let the finaliser release it.
            _models[key] = new Cached(model, DateTime.UtcNow);
            return model;
        }
        finally
        {
            _loading.Release();
        }
    }

    private async Task<(string RunId, int Round, string Blob)> FindLatestAsync(CancellationToken cancellationToken)
    {
        LatestModel? latest;
        try
        {
            using var stream = await FedAvgStorage.DownloadAsync(storage.Models, BlobNames.LatestModel, cancellationToken).ConfigureAwait(false);
            latest = await JsonSerializer.DeserializeAsync<LatestModel>(stream, JsonDefaults.Options, cancellationToken).ConfigureAwait(false);
        }
        catch (BlobMissingException)
        {
            latest = null;
        }
        catch (Azure.RequestFailedException e) when (e.ErrorCode == "ContainerNotFound")
        {
            latest = null;
        }

        return latest is null
            ? throw new ModelUnavailableException("No trained model yet: start a run with POST /api/train and wait for it to complete.", runNotFound: false)
            : (latest.RunId, latest.Round, latest.Blob);
    }

    private async Task<(string RunId, int Round, string Blob)> FindNewestRoundAsync(string runId, CancellationToken cancellationToken)
    {
        string? newest = null;
        try
        {
            await foreach (var item in storage.Models.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, $"{runId}/round-", cancellationToken).ConfigureAwait(false))
            {
                if (string.CompareOrdinal(item.Name, newest) > 0)
                {
                    newest = item.Name;
                }
            }
        }
        catch (Azure.RequestFailedException e) when (e.ErrorCode == "ContainerNotFound")
        {
            newest = null;
        }

        // Round 0 is the untrained initial model: not an answer anyone asked for.
        int round = newest is null ? 0 : int.Parse(newest.AsSpan()[(newest.LastIndexOf('-') + 1)..newest.LastIndexOf('.')], CultureInfo.InvariantCulture);
        if (newest is null || round == 0)
        {
            throw new ModelUnavailableException($"Run '{runId}' has no trained global model (yet).", runNotFound: true);
        }

        return (runId, round, newest);
    }

    private sealed record Cached(LoadedModel Model, DateTime CheckedAt);
}
