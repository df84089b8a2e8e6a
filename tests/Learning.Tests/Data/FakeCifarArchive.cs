using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using FedAvg.Common.Data;

namespace FedAvg.Common.Tests.Data;

/// <summary>A tar.gz laid out like the official one, with two records a batch file, and its MD5s.</summary>
public sealed class FakeCifarArchive
{
    public FakeCifarArchive(params (string Name, byte[] Content)[] extraEntries)
    {
        Files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        string[] bins = ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin"];
        for (int b = 0; b < bins.Length; b++)
        {
            Files[bins[b]] = SyntheticCifar.RawRecords((byte)b, (byte)(9 - b));
        }

        Files["batches.meta.txt"] = System.Text.Encoding.ASCII.GetBytes(string.Join("\n", CifarClasses.Names) + "\n\n");

        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, "cifar-10-batches-bin/"));
            foreach ((string name, byte[] content) in Files.Select(f => (f.Key, f.Value)).Concat(extraEntries.Select(e => (e.Name, e.Content))))
            {
                string entryName = name.Contains('/', StringComparison.Ordinal) ? name : "cifar-10-batches-bin/" + name;
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, entryName) { DataStream = new MemoryStream(content) });
            }
        }

        Bytes = buffer.ToArray();
        Options = new CifarDownloadOptions
        {
            Source = new Uri("https://example.test/cifar-10-binary.tar.gz"),
            ArchiveMd5 = Md5(Bytes),
            FileMd5s = bins.ToDictionary(name => name, name => Md5(Files[name]), StringComparer.Ordinal),
        };
    }

    public Dictionary<string, byte[]> Files { get; }

    public byte[] Bytes { get; }

    public CifarDownloadOptions Options { get; }

    private static string Md5(byte[] bytes)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        md5.AppendData(bytes);
        return Convert.ToHexStringLower(md5.GetHashAndReset());
    }
}
