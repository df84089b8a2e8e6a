using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace FedAvg.Common.Data;

/// <summary>
/// Unpacks the cifar-10-batches-bin folder of a verified tar.gz into a temporary sibling of the target,
/// checks each file's MD5, then renames it into place, so the target is either complete or absent.
/// </summary>
internal static class CifarArchiveExtractor
{
    public static async Task ExtractAsync(string archivePath, string targetDirectory, IReadOnlyDictionary<string, string> fileMd5s, CancellationToken cancellationToken)
    {
        string parent = Path.GetDirectoryName(Path.GetFullPath(targetDirectory))!;
        string temporary = Path.Combine(parent, $".{Path.GetFileName(targetDirectory)}.{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(temporary);
        try
        {
            Dictionary<string, string> actual;
            try
            {
                actual = await UnpackAsync(archivePath, temporary, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is InvalidDataException or FormatException)
            {
                throw new CifarDownloadException($"{archivePath} is not a readable tar.gz: {ex.Message}", ex);
            }

            foreach ((string name, string expected) in fileMd5s)
            {
                if (!actual.TryGetValue(name, out string? md5))
                {
                    throw new CifarDownloadException($"The archive has no {CifarDataFolder.FolderName}/{name}.");
                }

                if (!md5.Equals(expected, StringComparison.OrdinalIgnoreCase))
                {
                    throw new CifarDownloadException($"{name} in the archive has MD5 {md5}, expected {expected}.");
                }
            }

            Directory.Move(temporary, targetDirectory);
        }
        catch
        {
            if (Directory.Exists(temporary))
            {
                Directory.Delete(temporary, recursive: true);
            }

            throw;
        }
    }

    /// <summary>Extracts the plain files directly inside the archive's data folder; returns their MD5s by name.</summary>
    private static async Task<Dictionary<string, string>> UnpackAsync(string archivePath, string destination, CancellationToken cancellationToken)
    {
        var md5s = new Dictionary<string, string>(StringComparer.Ordinal);
        var archive = new FileStream(archivePath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, useAsync: true);
        await using (archive.ConfigureAwait(false))
        {
            var gzip = new GZipStream(archive, CompressionMode.Decompress);
            await using (gzip.ConfigureAwait(false))
            {
                var tar = new TarReader(gzip);
                await using (tar.ConfigureAwait(false))
                {
                    while (await tar.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
                    {
                        if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile
                            && DataFileName(entry.Name) is { } name
                            && entry.DataStream is not null)
                        {
                            md5s[name] = await CopyAsync(entry.DataStream, Path.Combine(destination, name), cancellationToken).ConfigureAwait(false);
                        }
                    }
                }
            }
        }

        return md5s;
    }

    /// <summary>The file name for "cifar-10-batches-bin/NAME"; null for anything else, including any path tricks.</summary>
    private static string? DataFileName(string entryName)
    {
        string name = entryName.StartsWith("./", StringComparison.Ordinal) ? entryName[2..] : entryName;
        string prefix = CifarDataFolder.FolderName + "/";
        if (!name.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        string file = name[prefix.Length..];
        bool plain = file.Length > 0 && file is not ("." or "..") && file.IndexOfAny(['/', '\\', '\0']) < 0;
        return plain ? file : null;
    }

    private static async Task<string> CopyAsync(Stream source, string path, CancellationToken cancellationToken)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16, useAsync: true);
        await using (output.ConfigureAwait(false))
        {
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                md5.AppendData(buffer, 0, read);
                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
        }

        return Convert.ToHexStringLower(md5.GetHashAndReset());
    }
}
