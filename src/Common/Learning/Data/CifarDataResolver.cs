namespace FedAvg.Common.Data;

/// <summary>
/// Where the CIFAR-10 files come from: a given folder, FEDAVG_DATA, ./data/cifar-10-batches-bin,
/// or else the official archive, downloaded once (checksums verified) under a download folder.
/// </summary>
public static class CifarDataResolver
{
    public static async Task<string> ResolveAsync(
        string? explicitDirectory, string downloadRoot, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        string? local = CifarDataFolder.Locate(explicitDirectory);
        if (local is not null)
        {
            return local;
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(30) };
        string downloaded = await new CifarDownloader(http).DownloadAsync(downloadRoot, progress, cancellationToken).ConfigureAwait(false);
        return CifarDataFolder.Validate(downloaded);
    }
}
