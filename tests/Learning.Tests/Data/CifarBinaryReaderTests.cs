using FedAvg.Common.Data;

namespace FedAvg.Common.Tests.Data;

public sealed class CifarBinaryReaderTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Truncated_file_error_names_the_file_and_where_the_partial_record_starts()
    {
        string path = _temp.File("data_batch_1.bin");
        File.WriteAllBytes(path, [.. SyntheticCifar.RawRecords(1, 2, 3), .. new byte[100]]);

        var error = Assert.Throws<CifarFormatException>(() => CifarBinaryReader.ReadFile(path));

        Assert.Equal(path, error.SourceName);
        Assert.Equal(3 * 3073, error.Offset);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("9219", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Label_above_nine_error_names_the_file_record_and_offset()
    {
        string path = _temp.File("test_batch.bin");
        File.WriteAllBytes(path, SyntheticCifar.RawRecords(0, 9, 10, 4));

        var error = Assert.Throws<CifarFormatException>(() => CifarBinaryReader.ReadFile(path));

        Assert.Equal(path, error.SourceName);
        Assert.Equal(2 * 3073, error.Offset);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("record 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("6146", error.Message, StringComparison.Ordinal);
        Assert.Contains("label 10", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Streaming_reader_reports_a_truncated_tail_with_its_offset()
    {
        using var stream = new MemoryStream([.. SyntheticCifar.RawRecords(5, 5), 7, 1, 2]);

        var records = new List<CifarRecord>();
        var error = Assert.Throws<CifarFormatException>(() => records.AddRange(CifarBinaryReader.ReadRecords(stream, "upload")));

        Assert.Equal(2, records.Count);
        Assert.Equal("upload", error.SourceName);
        Assert.Equal(2 * 3073, error.Offset);
        Assert.Contains("upload", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Writer_then_reader_round_trips_through_a_file()
    {
        CifarDataset original = SyntheticCifar.Create(3, 0, 9, 9, 1);
        string path = _temp.File("round.bin");

        CifarBinaryWriter.WriteFile(path, original);
        CifarDataset read = CifarBinaryReader.ReadFile(path);

        Assert.Equal(5 * 3073, new FileInfo(path).Length);
        Assert.Equal(original.Labels, read.Labels);
        Assert.Equal(original.Pixels, read.Pixels);
    }

    [Fact]
    public void Writer_then_streaming_reader_round_trips_record_by_record()
    {
        CifarDataset original = SyntheticCifar.Create(8, 2, 5);
        using var stream = new MemoryStream();
        CifarBinaryWriter.Write(stream, original);
        stream.Position = 0;

        CifarRecord[] records = CifarBinaryReader.ReadRecords(stream, "memory").ToArray();

        Assert.Equal(original.Labels, records.Select(r => r.Label).ToArray());
        for (int i = 0; i < records.Length; i++)
        {
            Assert.Equal(original.Image(i).ToArray(), records[i].Pixels);
        }
    }

    [Fact]
    public void Training_set_reads_batches_in_order_and_stops_at_the_limit_without_opening_later_files()
    {
        string[] names = ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin"];
        for (int b = 0; b < names.Length; b++)
        {
            CifarBinaryWriter.WriteFile(_temp.File(names[b]), SyntheticCifar.Create((byte)b, (byte)b));
        }

        CifarDataset all = CifarBinaryReader.ReadTrainingSet(_temp.Path);
        File.Delete(_temp.File("data_batch_3.bin"));
        CifarDataset limited = CifarBinaryReader.ReadTrainingSet(_temp.Path, limit: 3);

        Assert.Equal(new byte[] { 0, 0, 1, 1, 2, 2, 3, 3, 4, 4 }, all.Labels);
        Assert.Equal(new byte[] { 0, 0, 1 }, limited.Labels);
    }

    [Fact]
    public void Missing_batch_file_error_names_its_path()
    {
        CifarBinaryWriter.WriteFile(_temp.File("data_batch_1.bin"), SyntheticCifar.Create(1));

        var error = Assert.Throws<FileNotFoundException>(() => CifarBinaryReader.ReadTrainingSet(_temp.Path));

        Assert.Contains(_temp.File("data_batch_2.bin"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_folder_error_names_it()
    {
        string missing = _temp.File("nowhere");

        var error = Assert.Throws<DirectoryNotFoundException>(() => CifarBinaryReader.ReadTestSet(missing));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_limit_is_rejected_and_zero_reads_nothing()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CifarBinaryReader.ReadTestSet(_temp.Path, limit: -1));
        Assert.Equal(0, CifarBinaryReader.ReadTestSet(_temp.Path, limit: 0).Count);
    }
}
