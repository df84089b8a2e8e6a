using FedAvg.Common.Data;

namespace FedAvg.Common.Tests.Data;

public sealed class CifarBinaryReaderRealDataTests
{
    private static string Dir => RealCifar.Directory!;

    [RealDataFact]
    public void First_training_record_is_the_official_frog()
    {
        CifarDataset train = CifarBinaryReader.ReadTrainingSet(Dir, limit: 3);

        Assert.Equal(3, train.Count);
        Assert.Equal(6, train.Labels[0]);
        Assert.Equal(new byte[] { 59, 43, 50, 68, 98 }, train.Image(0)[..5].ToArray());
    }

    [RealDataFact]
    public void First_test_record_is_the_official_cat()
    {
        CifarDataset test = CifarBinaryReader.ReadTestSet(Dir, limit: 1);

        Assert.Equal(1, test.Count);
        Assert.Equal(3, test.Labels[0]);
        Assert.Equal(new byte[] { 158, 159, 165, 166, 160 }, test.Image(0)[..5].ToArray());
    }

    [RealDataFact]
    public void A_limit_past_the_first_file_continues_into_the_second_in_order()
    {
        CifarDataset train = CifarBinaryReader.ReadTrainingSet(Dir, limit: 10_002);

        Assert.Equal(10_002, train.Count);
        Assert.Equal(new[] { 1005, 974, 1032, 1016, 999, 937, 1030, 1001, 1025, 981 }, train.Take(10_000).ClassHistogram());
        using var second = File.OpenRead(Path.Combine(Dir, "data_batch_2.bin"));
        CifarRecord firstOfSecond = CifarBinaryReader.ReadRecords(second, "data_batch_2.bin").First();
        Assert.Equal(firstOfSecond.Label, train.Labels[10_000]);
        Assert.Equal(firstOfSecond.Pixels, train.Image(10_000).ToArray());
    }

    [RealDataFact]
    public void Streaming_reader_agrees_with_the_file_reader()
    {
        using var stream = File.OpenRead(Path.Combine(Dir, "test_batch.bin"));
        CifarRecord[] records = CifarBinaryReader.ReadRecords(stream, "test_batch.bin").Take(4).ToArray();
        CifarDataset test = CifarBinaryReader.ReadTestSet(Dir, limit: 4);

        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(test.Labels[i], records[i].Label);
            Assert.Equal(test.Image(i).ToArray(), records[i].Pixels);
        }
    }

    [RealDataFact]
    public void Class_names_file_matches_the_built_in_names()
    {
        Assert.Equal(CifarClasses.Names, CifarClasses.ReadNames(Dir));
    }

    [RealDataFact]
    public void Shared_folder_validates()
    {
        Assert.Equal(Path.GetFullPath(Dir), CifarDataFolder.Validate(Dir));
    }
}
