using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace FedAvg.Common.Data;

/// <summary>
/// Fetches the official CIFAR-10 binary archive and unpacks it to <c>{dataRoot}/cifar-10-batches-bin</c>.
/// The archive is downloaded to <c>cifar-10-binary.tar.gz.partial</c> and an interrupted download resumes
/// from it (HTTP Range); the data folder appears only once every MD5 has checked out.
/// </summary>
public sealed class CifarDownloader
{
    public const string PartialFileName = "cifar-10-binary.tar.gz.partial";

    private readonly HttpClient _http;
    private readonly CifarDownloadOptions _options;

    /// <param name="httpClient">Owned by the caller; its timeout should allow for a 170 MB download.</param>
    public CifarDownloader(HttpClient httpClient, CifarDownloadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        _http = httpClient;
        _options = options ?? CifarDownloadOptions.Official;
    }

    /// <summary>
    /// Returns the data folder, downloading it first unless it already exists (an existing folder is returned
    /// unchecked; <see cref="CifarDataFolder.Validate"/> checks it).
    /// </summary>
    /// <exception cref="CifarDownloadException">Network or HTTP failure, or a file that fails its MD5.</exception>
    public async Task<string> DownloadAsync(string dataRoot, IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataRoot);
        string root = Path.GetFullPath(dataRoot);
        string target = Path.Combine(root, CifarDataFolder.FolderName);
        if (Directory.Exists(target))
        {
            return target;
        }

        Directory.CreateDirectory(root);
        string partial = Path.Combine(root, PartialFileName);
        await FetchAsync(partial, progress, cancellationToken).ConfigureAwait(false);

        try
        {
            string md5 = await Md5Async(partial, cancellationToken).ConfigureAwait(false);
            if (!md5.Equals(_options.ArchiveMd5, StringComparison.OrdinalIgnoreCase))
            {
                throw new CifarDownloadException(
                    $"The archive from {_options.Source} has MD5 {md5}, expected {_options.ArchiveMd5}; it was deleted so the next attempt starts afresh.");
            }

            await CifarArchiveExtractor.ExtractAsync(partial, target, _options.FileMd5s, cancellationToken).ConfigureAwait(false);
        }
        catch (CifarDownloadException)
        {
            // Bad content will not improve by resuming; cancellation and I/O errors keep the download.
            File.Delete(partial);
            throw;
        }

        File.Delete(partial);
        return target;
    }

    private async Task FetchAsync(string partial, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        long existing = File.Exists(partial) ? new FileInfo(partial).Length : 0;
        using var request = new HttpRequestMessage(HttpMethod.Get, _options.Source);
        if (existing > 0)
        {
            request.Headers.Range = new RangeHeaderValue(existing, null);
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new CifarDownloadException($"Cannot download CIFAR-10 from {_options.Source}: {OneLine(ex.Message)} Check the network, or set {CifarDataFolder.EnvironmentVariable} to a local {CifarDataFolder.FolderName} folder.", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CifarDownloadException($"Cannot download CIFAR-10 from {_options.Source}: no response within {_http.Timeout.TotalSeconds:F0} s.", ex);
        }

        using (response)
        {
            // The server says the range starts past the end: what we hold is the whole file, or garbage the MD5 will catch.
            if (existing > 0 && response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
            {
                return;
            }

            long start;
            long? total;
            if (existing > 0 && response.StatusCode == HttpStatusCode.PartialContent)
            {
                ContentRangeHeaderValue? range = response.Content.Headers.ContentRange;
                if (range?.From != existing)
                {
                    throw new CifarDownloadException($"{_options.Source} resumed at byte {range?.From.ToString() ?? "?"} instead of {existing}.");
                }

                start = existing;
                total = range.Length;
            }
            else if (response.StatusCode == HttpStatusCode.OK)
            {
                // Also a server that ignores Range: start over.
                start = 0;
                total = response.Content.Headers.ContentLength;
            }
            else
            {
                throw new CifarDownloadException($"Cannot download CIFAR-10 from {_options.Source}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}.");
            }

            await CopyBodyAsync(response, partial, start, total, progress, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task CopyBodyAsync(HttpResponseMessage response, string partial, long start, long? total, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        var file = new FileStream(partial, start > 0 ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16, useAsync: true);
        await using (file.ConfigureAwait(false))
        {
            long bytes = start;
            progress?.Report(new DownloadProgress(bytes, total));
            try
            {
                Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                await using (body.ConfigureAwait(false))
                {
                    var buffer = new byte[1 << 16];
                    int read;
                    while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                        bytes += read;
                        progress?.Report(new DownloadProgress(bytes, total));
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
            {
                throw new CifarDownloadException($"The download from {_options.Source} broke off after {bytes} bytes ({OneLine(ex.Message)}); run again to resume.", ex);
            }

            if (total is long expected && bytes != expected)
            {
                throw new CifarDownloadException($"The download from {_options.Source} ended after {bytes} of {expected} bytes; run again to resume.");
            }
        }
    }

    private static async Task<string> Md5Async(string path, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                md5.AppendData(buffer, 0, read);
            }

            return Convert.ToHexStringLower(md5.GetHashAndReset());
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
