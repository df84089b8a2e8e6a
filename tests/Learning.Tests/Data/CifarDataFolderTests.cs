using FedAvg.Common.Data;

namespace FedAvg.Common.Tests.Data;

public sealed class CifarDataFolderTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string MakeFolder(string name, long size = CifarDataFolder.FileBytes, params string[] skip)
    {
        string dir = Path.Combine(_temp.Path, name);
        Directory.CreateDirectory(dir);
        foreach (string file in CifarDataFolder.BinaryFileNames.Except(skip))
        {
            // Sparse: the size is what is checked, not the content.
            using var stream = File.Create(Path.Combine(dir, file));
            stream.SetLength(size);
        }

        return dir;
    }

    [Fact]
    public void Complete_folder_validates_to_its_full_path()
    {
        string dir = MakeFolder("ok");

        Assert.Equal(Path.GetFullPath(dir), CifarDataFolder.Validate(dir));
    }

    [Fact]
    public void Missing_files_are_all_named_in_one_line()
    {
        string dir = MakeFolder("partial", skip: ["data_batch_3.bin", "test_batch.bin"]);

        var error = Assert.Throws<CifarFormatException>(() => CifarDataFolder.Validate(dir));

        Assert.Contains("data_batch_3.bin, test_batch.bin", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Wrong_size_names_the_file()
    {
        string dir = MakeFolder("short");
        using (var stream = File.OpenWrite(Path.Combine(dir, "data_batch_4.bin")))
        {
            stream.SetLength(3073);
        }

        var error = Assert.Throws<CifarFormatException>(() => CifarDataFolder.Validate(dir));

        Assert.Contains("data_batch_4.bin", error.Message, StringComparison.Ordinal);
        Assert.Contains("3073 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Absent_folder_is_a_directory_not_found_naming_it()
    {
        string dir = _temp.File("absent");

        var error = Assert.Throws<DirectoryNotFoundException>(() => CifarDataFolder.Validate(dir));

        Assert.Contains(dir, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_prefers_the_explicit_folder_then_the_variable_then_the_working_directory()
    {
        string explicitDir = MakeFolder("explicit");
        string fromVariable = MakeFolder("variable");
        string work = Path.Combine(_temp.Path, "work");
        string fallback = Path.Combine(work, "data", "cifar-10-batches-bin");
        Directory.CreateDirectory(Path.GetDirectoryName(fallback)!);
        Directory.Move(MakeFolder("fallback"), fallback);

        Assert.Equal(explicitDir, CifarDataFolder.Locate(explicitDir, fromVariable, work));
        Assert.Equal(fromVariable, CifarDataFolder.Locate(null, fromVariable, work));
        Assert.Equal(fallback, CifarDataFolder.Locate(" ", "", work));
        Assert.Null(CifarDataFolder.Locate(null, null, _temp.Path));
    }

    [Fact]
    public void Locate_does_not_fall_through_past_a_named_folder_that_is_unusable()
    {
        string good = MakeFolder("good");

        Assert.Throws<DirectoryNotFoundException>(() => CifarDataFolder.Locate(_temp.File("typo"), good, _temp.Path));
    }
}
