using FedAvg.Common.Data;
using FedAvg.Common.Shards;
using FedAvg.Common.Storage;

namespace FedAvg.Common.Orchestration;

/// <summary>
/// The label of every training image, for checking a request's partition before it is scheduled:
/// read from the training set already in storage (what PrepareRun will split), else from the
/// CIFAR-10 folder it would import. Cheap: the labels only, read once and kept.
/// </summary>
public sealed class TrainingLabels
{
    private readonly Func<CancellationToken, Task<byte[]?>> _read;
    private byte[]? _labels;

    private TrainingLabels(Func<CancellationToken, Task<byte[]?>> read) => _read = read;

    /// <summary>No labels: requests are checked field by field only, and PrepareRun refuses a split that cannot be drawn.</summary>
    public static TrainingLabels None { get; } = new(_ => Task.FromResult<byte[]?>(null));

    /// <param name="folder">The CIFAR-10 folder PrepareRun would import, or null when there is none yet (it would be downloaded).</param>
    public static TrainingLabels From(FedAvgStorage storage, Func<CancellationToken, Task<string?>> folder)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(folder);
        return new(async cancellationToken =>
            await FromStorageAsync(storage, cancellationToken).ConfigureAwait(false)
            ?? (await folder(cancellationToken).ConfigureAwait(false) is { } directory ? CifarBinaryReader.ReadTrainingLabels(directory) : null));
    }

    public static TrainingLabels FromFolder(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        return new(_ => Task.FromResult<byte[]?>(CifarBinaryReader.ReadTrainingLabels(folder)));
    }

    /// <summary>The labels, or null when neither storage nor a folder has the training set yet.</summary>
    public async Task<byte[]?> ReadAsync(CancellationToken cancellationToken)
    {
        // The training set is written once and never changes, so the first answer holds.
        return _labels ??= await _read(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<byte[]?> FromStorageAsync(FedAvgStorage storage, CancellationToken cancellationToken)
    {
        var blob = storage.Data.GetBlobClient(BlobNames.TrainingSet);
        if (!await FedAvgStorage.ExistsAsync(storage.Data, BlobNames.TrainingSet, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        await using var stream = await blob.OpenReadAsync(position: 0, bufferSize: 64 * 1024, cancellationToken: cancellationToken).ConfigureAwait(false);
        return ShardFormat.ReadLabels(stream, $"{storage.Data.Name}/{BlobNames.TrainingSet}");
    }
}
