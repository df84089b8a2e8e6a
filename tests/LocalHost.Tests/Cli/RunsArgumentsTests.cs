using FedAvg.LocalHost.Cli;

namespace FedAvg.LocalHost.Tests.Cli;

public sealed class RunsArgumentsTests
{
    [Fact]
    public void Stop_may_be_given_again_and_each_id_counts_once()
    {
        var args = RunsCommand.Read(Stops("--stop", "a", "--stop=b", "--stop", "a"), unfinished: false, json: false);

        Assert.Equal(["a", "b"], args.StopIds);
        Assert.True(args.Stops);
        Assert.False(args.StopUnfinished);
    }

    [Fact]
    public void No_flag_lists()
    {
        var args = RunsCommand.Read(Stops(), unfinished: false, json: false);

        Assert.False(args.Stops);
        Assert.False(args.Json);
    }

    // --stop as the runs command parses it.
    private static string[] Stops(params string[] args)
    {
        var command = RunsCommand.Create();
        var parse = command.Parse(args);
        Assert.Empty(parse.Errors);
        return parse.GetValue<string[]>("--stop") ?? [];
    }
}
