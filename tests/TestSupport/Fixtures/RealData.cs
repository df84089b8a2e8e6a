using FedAvg.Common.Data;

namespace FedAvg.Common.Tests.Fixtures;

/// <summary>Fixtures made from the real CIFAR-10 files (found by <see cref="Tests.Data.RealCifar"/>).</summary>
public static class RealData
{
    public static string Directory => Tests.Data.RealCifar.Directory
        ?? throw new DirectoryNotFoundException("The real CIFAR-10 data is expected at ../shared/data/cifar-10-batches-bin beside the repository, or in FEDAVG_DATA.");

    /// <summary>
    /// A small CIFAR-10 folder in the official format made of the first images of the real set:
    /// <paramref name="trainPerFile"/> per training batch file and <paramref name="test"/> test images.
    /// </summary>
    public static string WriteSlice(string target, int trainPerFile, int test)
    {
        System.IO.Directory.CreateDirectory(target);
        var train = CifarBinaryReader.ReadTrainingSet(Directory, trainPerFile * 5);
        for (int file = 0; file < 5; file++)
        {
            var part = train.Subset(Enumerable.Range(file * trainPerFile, trainPerFile).ToArray());
            CifarBinaryWriter.WriteFile(Path.Combine(target, $"data_batch_{file + 1}.bin"), part);
        }

        CifarBinaryWriter.WriteFile(Path.Combine(target, "test_batch.bin"), CifarBinaryReader.ReadTestSet(Directory, test));
        File.Copy(Path.Combine(Directory, "batches.meta.txt"), Path.Combine(target, "batches.meta.txt"), overwrite: true);
        return target;
    }
}
