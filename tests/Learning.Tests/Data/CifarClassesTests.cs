using FedAvg.Common.Data;

namespace FedAvg.Common.Tests.Data;

public sealed class CifarClassesTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Built_in_names_follow_the_label_order()
    {
        Assert.Equal(10, CifarClasses.Names.Count);
        Assert.Equal("airplane", CifarClasses.Names[0]);
        Assert.Equal("frog", CifarClasses.Names[6]);
        Assert.Equal("truck", CifarClasses.Names[9]);
    }

    [Fact]
    public void Names_file_with_blank_lines_and_crlf_reads_as_ten_names()
    {
        File.WriteAllText(_temp.File("batches.meta.txt"), string.Join("\r\n", CifarClasses.Names) + "\r\n\r\n\n");

        Assert.Equal(CifarClasses.Names, CifarClasses.ReadNames(_temp.Path));
    }

    [Fact]
    public void Names_file_with_nine_names_is_rejected()
    {
        File.WriteAllText(_temp.File("batches.meta.txt"), string.Join("\n", CifarClasses.Names.Take(9)));

        var error = Assert.Throws<CifarFormatException>(() => CifarClasses.ReadNames(_temp.Path));

        Assert.Contains("9 class names", error.Message, StringComparison.Ordinal);
    }
}
