namespace FedAvg.Common.Data;

/// <summary>Where the archive comes from and the MD5s it and its files must have (lower-case hex).</summary>
public sealed record CifarDownloadOptions
{
    public static Uri OfficialSource { get; } = new("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz");

    public const string OfficialArchiveMd5 = "c32a1d4ab5d03f1284b67883e8d87530";

    /// <summary>The six .bin files of the official archive, as published (e.g. pytorch-cpp's fetch_cifar10.cmake).</summary>
    public static IReadOnlyDictionary<string, string> OfficialFileMd5s { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["data_batch_1.bin"] = "5dd7e06a14cb22eb9f671a540d1b7c25",
        ["data_batch_2.bin"] = "5ea93a67294ea407fff1d09f752e9692",
        ["data_batch_3.bin"] = "942cd6a4bcdd0dd3c604fbe906cb4421",
        ["data_batch_4.bin"] = "ae636b3ba5c66a11e91e8cb52e771fcb",
        ["data_batch_5.bin"] = "53f37980c15c3d472c316c40844f3f0d",
        ["test_batch.bin"] = "803d5f7f4d78ea53de84dbe85f74fb6d",
    };

    // Declared after the values it copies: static initialisers run in text order.
    public static CifarDownloadOptions Official { get; } = new();

    public Uri Source { get; init; } = OfficialSource;

    public string ArchiveMd5 { get; init; } = OfficialArchiveMd5;

    /// <summary>Files that must be in the archive's cifar-10-batches-bin folder, by name; others are extracted unchecked.</summary>
    public IReadOnlyDictionary<string, string> FileMd5s { get; init; } = OfficialFileMd5s;
}
