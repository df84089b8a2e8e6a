using FedAvg.Common.Orchestration;
using FedAvg.Common.Tests.Fixtures;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace FedAvg.Common.Tests.Orchestration;

/// <summary>
/// Pages of runs among many more round sub-orchestrations (each run has one per round): every page
/// but the last is full, and every run is listed once.
/// </summary>
public sealed class RunQueriesPagingTests
{
    [Fact]
    public async Task Pages_hold_exactly_page_size_runs_and_list_each_run_once_among_their_rounds()
    {
        const int runs = 7;
        const int roundsPerRun = 15; // 112 instances: more than one backend read of 100
        await using var host = await InMemoryDurableHost.StartAsync(registry =>
        {
            registry.AddOrchestratorFunc<object?, int>(ActivityNames.Orchestrator, async (context, _) =>
            {
                var rounds = Enumerable.Range(1, roundsPerRun).Select(round => context.CallSubOrchestratorAsync<int>(
                    ActivityNames.Round, round, new SubOrchestrationOptions { InstanceId = RunProgress.RoundInstanceId(context.InstanceId, round) }));
                return (await Task.WhenAll(rounds)).Length;
            });
            registry.AddOrchestratorFunc<int, int>(ActivityNames.Round, (_, round) => round);
        });

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var started = new List<string>();
        for (int i = 0; i < runs; i++)
        {
            started.Add(await host.Client.ScheduleNewOrchestrationInstanceAsync(ActivityNames.Orchestrator, timeout.Token));
        }

        foreach (string id in started)
        {
            await host.Client.WaitForInstanceCompletionAsync(id, timeout.Token);
        }

        var listed = new List<string>();
        var sizes = new List<int>();
        string? cursor = null;
        do
        {
            RunsPage page = await RunQueries.PageAsync(host.Client, new RunsQuery(3, cursor), timeout.Token);
            sizes.Add(page.Runs.Count);
            listed.AddRange(page.Runs.Select(r => r.Id));
            cursor = page.ContinuationToken;
        }
        while (cursor is not null && sizes.Count <= runs);

        Assert.Equal(started.Order(), listed.Order());
        Assert.Equal([3, 3, 1], sizes);
    }

    [Theory]
    [InlineData(null, 0)]
    [InlineData("backend token with spaces", 2)]
    public void A_cursor_reads_back_as_written(string? backend, int skip)
    {
        var cursor = new RunsCursor(backend, skip);
        Assert.Equal(cursor, RunsCursor.Parse(cursor.Format()));
    }

    [Theory]
    [InlineData("token")]
    [InlineData(" token")]
    [InlineData("-1 token")]
    [InlineData("x token")]
    public void Text_that_is_not_a_cursor_is_refused(string text) => Assert.Null(RunsCursor.Parse(text));
}
