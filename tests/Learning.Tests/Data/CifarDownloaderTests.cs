using System.Net;
using FedAvg.Common.Data;

namespace FedAvg.Common.Tests.Data;

public sealed class CifarDownloaderTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly FakeCifarArchive _archive = new();

    public void Dispose() => _temp.Dispose();

    private string Target => Path.Combine(_temp.Path, "cifar-10-batches-bin");

    private string Partial => Path.Combine(_temp.Path, CifarDownloader.PartialFileName);

    private Task<string> Download(FakeArchiveHandler handler, CifarDownloadOptions? options = null, IProgress<DownloadProgress>? progress = null)
    {
        var http = new HttpClient(handler);
        return new CifarDownloader(http, options ?? _archive.Options).DownloadAsync(_temp.Path, progress);
    }

    private void AssertNothingLeftBehind() =>
        Assert.Empty(Directory.EnumerateFileSystemEntries(_temp.Path));

    [Fact]
    public async Task Downloads_verifies_and_unpacks_into_the_data_folder()
    {
        var handler = new FakeArchiveHandler(_archive.Bytes);
        var progress = new RecordingProgress();

        string folder = await Download(handler, progress: progress);

        Assert.Equal(Target, folder);
        foreach ((string name, byte[] content) in _archive.Files)
        {
            Assert.Equal(content, File.ReadAllBytes(Path.Combine(folder, name)));
        }

        Assert.Equal(new byte[] { 0, 9, 1, 8, 2, 7, 3, 6, 4, 5 }, CifarBinaryReader.ReadTrainingSet(folder).Labels);
        Assert.Equal(CifarClasses.Names, CifarClasses.ReadNames(folder));
        Assert.Equal([Target], Directory.EnumerateFileSystemEntries(_temp.Path));
        Assert.Null(Assert.Single(handler.Ranges));
        Assert.Equal(new DownloadProgress(_archive.Bytes.Length, _archive.Bytes.Length), progress.Reports[^1]);
        Assert.Equal(progress.Reports.Select(r => r.Bytes).Order(), progress.Reports.Select(r => r.Bytes));
    }

    [Fact]
    public async Task Archive_md5_mismatch_leaves_no_folder_and_no_partial_file()
    {
        var handler = new FakeArchiveHandler(_archive.Bytes);

        var error = await Assert.ThrowsAsync<CifarDownloadException>(
            () => Download(handler, _archive.Options with { ArchiveMd5 = "00000000000000000000000000000000" }));

        Assert.Contains("MD5", error.Message, StringComparison.Ordinal);
        Assert.Contains("expected 00000000000000000000000000000000", error.Message, StringComparison.Ordinal);
        AssertNothingLeftBehind();
    }

    [Fact]
    public async Task Data_file_md5_mismatch_leaves_no_folder_and_names_the_file()
    {
        var md5s = new Dictionary<string, string>(_archive.Options.FileMd5s) { ["data_batch_3.bin"] = "ffffffffffffffffffffffffffffffff" };

        var error = await Assert.ThrowsAsync<CifarDownloadException>(
            () => Download(new FakeArchiveHandler(_archive.Bytes), _archive.Options with { FileMd5s = md5s }));

        Assert.Contains("data_batch_3.bin", error.Message, StringComparison.Ordinal);
        AssertNothingLeftBehind();
    }

    [Fact]
    public async Task Archive_missing_a_required_file_leaves_no_folder()
    {
        var md5s = new Dictionary<string, string>(_archive.Options.FileMd5s) { ["data_batch_6.bin"] = "ffffffffffffffffffffffffffffffff" };

        var error = await Assert.ThrowsAsync<CifarDownloadException>(
            () => Download(new FakeArchiveHandler(_archive.Bytes), _archive.Options with { FileMd5s = md5s }));

        Assert.Contains("no cifar-10-batches-bin/data_batch_6.bin", error.Message, StringComparison.Ordinal);
        AssertNothingLeftBehind();
    }

    [Fact]
    public async Task Interrupted_download_resumes_from_the_partial_file()
    {
        var handler = new FakeArchiveHandler(_archive.Bytes) { BreakAfterBytes = 1000 };

        var error = await Assert.ThrowsAsync<CifarDownloadException>(() => Download(handler));
        Assert.Contains("after 1000 bytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("resume", error.Message, StringComparison.Ordinal);
        Assert.Equal(1000, new FileInfo(Partial).Length);
        Assert.False(Directory.Exists(Target));

        var progress = new RecordingProgress();
        string folder = await Download(handler, progress: progress);

        Assert.Equal(1000, handler.Ranges[1]?.Ranges.Single().From);
        Assert.Equal(new DownloadProgress(1000, _archive.Bytes.Length), progress.Reports[0]);
        Assert.Equal(_archive.Files["test_batch.bin"], File.ReadAllBytes(Path.Combine(folder, "test_batch.bin")));
        Assert.False(File.Exists(Partial));
    }

    [Fact]
    public async Task Server_that_ignores_the_range_restarts_the_download_from_zero()
    {
        File.WriteAllBytes(Partial, new byte[500]);
        var handler = new FakeArchiveHandler(_archive.Bytes) { IgnoreRange = true };

        string folder = await Download(handler);

        Assert.Equal(500, handler.Ranges[0]?.Ranges.Single().From);
        Assert.Equal(_archive.Files["data_batch_1.bin"], File.ReadAllBytes(Path.Combine(folder, "data_batch_1.bin")));
    }

    [Fact]
    public async Task Complete_partial_file_is_used_when_the_server_refuses_the_range()
    {
        File.WriteAllBytes(Partial, _archive.Bytes);
        var handler = new FakeArchiveHandler(_archive.Bytes);

        string folder = await Download(handler);

        Assert.True(File.Exists(Path.Combine(folder, "data_batch_5.bin")));
    }

    [Fact]
    public async Task Offline_gives_one_line_naming_the_source_and_the_way_out()
    {
        var error = await Assert.ThrowsAsync<CifarDownloadException>(() => Download(new FakeArchiveHandler(_archive.Bytes) { Offline = true }));

        Assert.Equal(
            "Cannot download CIFAR-10 from https://example.test/cifar-10-binary.tar.gz: Name or service not known (www.cs.toronto.edu:443) Check the network, or set FEDAVG_DATA to a local cifar-10-batches-bin folder.",
            error.Message);
        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.False(Directory.Exists(Target));
    }

    [Fact]
    public async Task Http_error_status_is_reported()
    {
        var error = await Assert.ThrowsAsync<CifarDownloadException>(
            () => Download(new FakeArchiveHandler(_archive.Bytes) { Status = HttpStatusCode.NotFound }));

        Assert.Contains("HTTP 404 Not Found", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Target));
    }

    [Fact]
    public async Task Existing_data_folder_is_returned_without_a_request()
    {
        Directory.CreateDirectory(Target);
        var handler = new FakeArchiveHandler(_archive.Bytes);

        Assert.Equal(Target, await Download(handler));
        Assert.Empty(handler.Ranges);
    }

    [Fact]
    public async Task Entries_outside_the_data_folder_or_escaping_it_are_not_extracted()
    {
        var archive = new FakeCifarArchive(("cifar-10-batches-bin/../escaped.bin", [1, 2, 3]), ("elsewhere/other.bin", [4]));

        string folder = await new CifarDownloader(new HttpClient(new FakeArchiveHandler(archive.Bytes)), archive.Options).DownloadAsync(_temp.Path);

        Assert.Equal([Target], Directory.EnumerateFileSystemEntries(_temp.Path));
        Assert.Equal(archive.Files.Keys.Order(), Directory.EnumerateFiles(folder).Select(Path.GetFileName).Order());
    }

    /// <summary>Records reports synchronously, unlike <see cref="Progress{T}"/>, which posts them.</summary>
    private sealed class RecordingProgress : IProgress<DownloadProgress>
    {
        public List<DownloadProgress> Reports { get; } = [];

        public void Report(DownloadProgress value) => Reports.Add(value);
    }
}
