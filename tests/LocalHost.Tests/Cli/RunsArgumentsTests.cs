using FedAvg.LocalHost.Cli;

namespace FedAvg.LocalHost.Tests.Cli;

public sealed class RunsArgumentsTests
{
    [Fact]
    public void Stop_may_be_given_again_and_each_id_counts_once()
    {
        var args = RunsCommand.Read(["--stop", "a", "--stop=b", "--stop", "a"]);

        Assert.Equal(["a", "b"], args.StopIds);
        Assert.True(args.Stops);
        Assert.False(args.StopUnfinished);
    }

    [Fact]
    public void No_flag_lists()
    {
        var args = RunsCommand.Read([]);

        Assert.False(args.Stops);
        Assert.False(args.Json);
    }

    [Fact]
    public void Other_flags_are_still_given_once()
    {
        var error = Assert.Throws<UsageException>(() => RunsCommand.Read(["--json", "--json"]));

        Assert.Equal("--json is given twice", error.Message);
    }
}
