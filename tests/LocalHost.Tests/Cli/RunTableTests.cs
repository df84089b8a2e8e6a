using FedAvg.Common.Orchestration;
using FedAvg.LocalHost.Runs;

namespace FedAvg.LocalHost.Tests.Cli;

public sealed class RunTableTests
{
    private static readonly DateTimeOffset Created = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);

    [Fact]
    public void Each_run_is_one_aligned_line_with_its_request_and_progress()
    {
        var request = new TrainingRequest { Rounds = 3, Clients = 5, ClientsPerRound = 2, LocalEpochs = 1 };
        RunListing[] runs =
        [
            new("b1", "Running", true, Created, Created, request, "training", 2, 1, 0.255, null),
            new("a22", "Completed", false, Created, Created, request, "completed", 3, 3, 0.41, null),
            new("c3", "Pending", true, Created, Created, null, null, null, 0, null, null),
        ];

        string[] lines = RunTable.Format(runs).Split(Environment.NewLine);

        Assert.Equal(4, lines.Length);
        Assert.StartsWith("id   status     created (UTC)        rounds  clients  epochs  model     progress", lines[0], StringComparison.Ordinal);
        Assert.Equal("b1   Running    2025-03-04 05:06:07  3       2 of 5   1       seed-cnn  round 2/3 training, 25.5 % after round 1", lines[1]);
        Assert.Equal("a22  Completed  2025-03-04 05:06:07  3       2 of 5   1       seed-cnn  3/3 rounds, 41.0 % after round 3", lines[2]);
        Assert.Equal("c3   Pending    2025-03-04 05:06:07  ?       ?        ?       ?         not started", lines[3]);
    }
}
