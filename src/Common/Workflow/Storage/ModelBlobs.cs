using Azure.Storage.Blobs;
using FedAvg.Common.Models;

namespace FedAvg.Common.Storage;

/// <summary>Model weights to and from blobs in the model state format.</summary>
public static class ModelBlobs
{
    public static async Task<ModelWeights> ReadAsync(BlobContainerClient container, string blob, CancellationToken cancellationToken)
    {
        using var stream = await FedAvgStorage.DownloadAsync(container, blob, cancellationToken).ConfigureAwait(false);
        return ModelStateFormat.Read(stream, $"{container.Name}/{blob}");
    }

    public static Task WriteAsync(BlobContainerClient container, string blob, ModelWeights weights, CancellationToken cancellationToken) =>
        FedAvgStorage.UploadAsync(container, blob, s => ModelStateFormat.Write(s, weights), cancellationToken);
}
