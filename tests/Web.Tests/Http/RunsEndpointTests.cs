using System.Text.Json;
using FedAvg.Common.Http;
using FedAvg.Common.Orchestration;
using FedAvg.Common.Tests.Fixtures;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;

namespace FedAvg.Common.Tests.Http;

/// <summary>GET /api/runs against a real durable client, its runs stand-ins that wait until stopped.</summary>
public sealed class RunsEndpointTests : IAsyncLifetime
{
    private DurableTaskTestHost _host = null!;

    public async Task InitializeAsync() => _host = await InMemoryDurableHost.StartAsync(StandInRun.Register);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Pages_of_two_list_every_run_once_and_the_last_page_has_no_token()
    {
        var scheduled = new List<string>();
        for (int rounds = 1; rounds <= 5; rounds++)
        {
            scheduled.Add(await _host.Client.ScheduleNewOrchestrationInstanceAsync(ActivityNames.Orchestrator, Presets.Reference with { Rounds = rounds }));
        }

        var seen = new List<string>();
        string? token = null;
        int pages = 0;
        do
        {
            var (status, body) = await GetAsync(token is null ? "?pageSize=2" : $"?pageSize=2&continuationToken={Uri.EscapeDataString(token)}");
            Assert.Equal(200, status);
            var runs = body.GetProperty("runs").EnumerateArray().ToList();
            Assert.InRange(runs.Count, 1, 2);
            Assert.All(runs, run => Assert.True(run.GetProperty("unfinished").GetBoolean()));
            seen.AddRange(runs.Select(run => run.GetProperty("id").GetString()!));
            token = body.GetProperty("continuationToken").GetString();
            pages++;
        }
        while (token is not null && pages < 10);

        Assert.Null(token);
        Assert.Equal(3, pages);
        Assert.Equal(scheduled.Order(), seen.Order());
    }

    [Fact]
    public async Task A_status_filter_keeps_only_runs_in_those_statuses()
    {
        string running = await _host.Client.ScheduleNewOrchestrationInstanceAsync(ActivityNames.Orchestrator, Presets.Reference);
        string terminated = await _host.Client.ScheduleNewOrchestrationInstanceAsync(ActivityNames.Orchestrator, Presets.Reference);
        await _host.Client.WaitForInstanceStartAsync(running);
        await _host.Client.TerminateInstanceAsync(terminated);
        await _host.Client.WaitForInstanceCompletionAsync(terminated);

        Assert.Equal([running], await IdsAsync("?status=running"));
        Assert.Equal([terminated], await IdsAsync("?status=Terminated"));
        Assert.Equal(new[] { running, terminated }.Order(), (await IdsAsync("?status=Running,Terminated")).Order());
        Assert.Equal(new[] { running, terminated }.Order(), (await IdsAsync("?status=Running&status=Terminated")).Order());
        Assert.Empty(await IdsAsync("?status=Completed,Failed"));
    }

    [Fact]
    public async Task A_run_is_listed_with_its_request_and_whether_it_is_unfinished()
    {
        string id = await _host.Client.ScheduleNewOrchestrationInstanceAsync(ActivityNames.Orchestrator, Presets.Reference with { Rounds = 4, Clients = 7 });

        var (_, body) = await GetAsync(string.Empty);
        var run = Assert.Single(body.GetProperty("runs").EnumerateArray());

        Assert.Equal(id, run.GetProperty("id").GetString());
        Assert.True(run.GetProperty("unfinished").GetBoolean());
        Assert.Equal(4, run.GetProperty("request").GetProperty("rounds").GetInt32());
        Assert.Equal(7, run.GetProperty("request").GetProperty("clients").GetInt32());
        Assert.Equal(0, run.GetProperty("roundsDone").GetInt32());
    }

    [Theory]
    [InlineData("?pageSize=0", "pageSize")]
    [InlineData("?pageSize=101", "pageSize")]
    [InlineData("?pageSize=ten", "pageSize")]
    [InlineData("?pageSize=-1", "pageSize")]
    [InlineData("?pageSize=2&pageSize=3", "pageSize")]
    [InlineData("?status=Done", "status")]
    [InlineData("?status=Running,ContinuedAsNew", "status")]
    [InlineData("?continuationToken=abc", "continuationToken")]
    [InlineData("?page=2", "page")]
    [InlineData("?pageSize=0&status=x", "pageSize,status")]
    public async Task Bad_parameters_are_problems_naming_each_parameter(string query, string fields)
    {
        var (status, body) = await GetAsync(query);

        Assert.Equal(400, status);
        Assert.Equal(fields.Split(',').Order(), body.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task A_token_cut_short_or_altered_is_refused_but_the_one_given_is_accepted()
    {
        for (int i = 0; i < 3; i++)
        {
            await _host.Client.ScheduleNewOrchestrationInstanceAsync(ActivityNames.Orchestrator, Presets.Reference);
        }

        var (_, first) = await GetAsync("?pageSize=1");
        string token = first.GetProperty("continuationToken").GetString()!;
        char altered = token[0] == 'A' ? 'B' : 'A';

        Assert.Equal(200, (await GetAsync($"?pageSize=1&continuationToken={token}")).Status);
        Assert.Equal(400, (await GetAsync($"?pageSize=1&continuationToken={token[..^2]}")).Status);
        Assert.Equal(400, (await GetAsync($"?pageSize=1&continuationToken={altered}{token[1..]}")).Status);
    }

    [Fact]
    public void The_function_key_parameter_of_the_functions_host_is_no_error()
    {
        var (query, errors) = RunsEndpoint.Read(new QueryCollection(new Dictionary<string, Microsoft.Extensions.Primitives.StringValues> { ["code"] = "secret" }));

        Assert.Empty(errors);
        Assert.Equal(new RunsQuery(RunsQuery.DefaultPageSize), query);
    }

    private async Task<List<string>> IdsAsync(string query)
    {
        var (status, body) = await GetAsync(query);
        Assert.Equal(200, status);
        return [.. body.GetProperty("runs").EnumerateArray().Select(run => run.GetProperty("id").GetString()!)];
    }

    private async Task<(int Status, JsonElement Body)> GetAsync(string query)
    {
        var context = HttpHarness.Request([], null, query: query);
        context.Request.Method = "GET";
        var (status, body, _) = await HttpHarness.ExecuteAsync(await RunsEndpoint.HandleAsync(context.Request, _host.Client, default), context);
        return (status, body);
    }
}
