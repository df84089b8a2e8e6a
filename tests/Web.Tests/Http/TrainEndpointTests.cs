using System.Text;
using FedAvg.Common.Http;
using FedAvg.Common.Orchestration;
using FedAvg.Common.Tests.Data;
using FedAvg.Common.Tests.Fixtures;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;

namespace FedAvg.Common.Tests.Http;

/// <summary>The train and run handlers against a real durable client; scheduled runs are stand-ins that wait, unfinished.</summary>
public sealed class TrainEndpointTests : IAsyncLifetime
{
    private DurableTaskTestHost _host = null!;

    // A stand-in under the run's name: with no orchestrator registered the engine fails a scheduled run as
    // soon as it dispatches it, and whether a test saw Pending or Failed depended on the machine's load.
    public async Task InitializeAsync() => _host = await InMemoryDurableHost.StartAsync(StandInRun.Register);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_valid_request_is_scheduled_and_answered_202_with_management_urls()
    {
        var context = HttpHarness.Request(Encoding.UTF8.GetBytes("""{"rounds":2,"seed":7}"""), "application/json");

        var (status, json, _) = await HttpHarness.ExecuteAsync(await TrainEndpoint.HandleAsync(context.Request, _host.Client, TrainingLabels.None, Urls, default), context);

        Assert.Equal(202, status);
        string id = json.GetProperty("id").GetString()!;
        Assert.Equal($"http://test/status/{id}", json.GetProperty("statusQueryGetUri").GetString());
        Assert.Equal($"http://test/status/{id}", context.Response.Headers.Location.ToString());
        var scheduled = await _host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal(ActivityNames.Orchestrator, scheduled!.Name);
        Assert.Equal(Presets.Default.Request with { Rounds = 2, Seed = 7 }, scheduled.ReadInputAs<TrainingRequest>());
    }

    [Theory]
    [InlineData("""{"alpha":-1,"clientsPerRound":9}""", "application/json", 400, "alpha,clientsPerRound")]
    [InlineData("""{"unknown":1}""", "application/json", 400, "unknown")]
    [InlineData("""not json""", "application/json", 400, "body")]
    [InlineData("""{}""", "text/plain", 415, "body")]
    [InlineData("""{"aggregator":"krum","byzantineClients":2}""", "application/json", 400, "byzantineClients")]
    public async Task Invalid_requests_are_problems_naming_the_fields_and_nothing_is_scheduled(string body, string contentType, int expected, string fields)
    {
        var context = HttpHarness.Request(Encoding.UTF8.GetBytes(body), contentType);

        var (status, json, type) = await HttpHarness.ExecuteAsync(await TrainEndpoint.HandleAsync(context.Request, _host.Client, TrainingLabels.None, Urls, default), context);

        Assert.Equal(expected, status);
        Assert.Equal("application/problem+json", type);
        Assert.Equal(fields.Split(','), json.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
        var instances = _host.Client.GetAllInstancesAsync(new OrchestrationQuery());
        Assert.Empty(await instances.ToListAsync());
    }

    [RealDataFact]
    public async Task A_request_whose_partition_cannot_be_drawn_is_400_naming_its_fields_and_nothing_is_scheduled()
    {
        // No Dirichlet(0.5) draw gives each of 100 clients 10 of the first 2000 images.
        var (status, json, type) = await TrainWithRealLabelsAsync("""{"clients":100,"alpha":0.5,"trainLimit":2000}""");

        Assert.Equal(400, status);
        Assert.Equal("application/problem+json", type);
        Assert.Equal(["alpha", "clients", "trainLimit"], json.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
        Assert.Contains("Dirichlet partition of 2000 samples over 100 clients", json.GetProperty("detail").GetString());
        Assert.Empty(await _host.Client.GetAllInstancesAsync(new OrchestrationQuery()).ToListAsync());
    }

    [RealDataFact]
    public async Task The_partition_check_passes_a_request_that_can_be_split()
    {
        var (status, _, _) = await TrainWithRealLabelsAsync("""{"clients":10,"alpha":0.5,"trainLimit":2000}""");

        Assert.Equal(202, status);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413()
    {
        byte[] body = Encoding.UTF8.GetBytes("{\"seed\":1" + new string(' ', 70_000) + "}");
        var context = HttpHarness.Request(body, "application/json");

        var (status, _, _) = await HttpHarness.ExecuteAsync(await TrainEndpoint.HandleAsync(context.Request, _host.Client, TrainingLabels.None, Urls, default), context);

        Assert.Equal(413, status);
    }

    [Fact]
    public async Task A_run_is_readable_by_id_and_an_unknown_id_is_404_naming_id()
    {
        string id = await _host.Client.ScheduleNewOrchestrationInstanceAsync(ActivityNames.Orchestrator, Presets.Reference with { Rounds = 3 });

        var found = await Get(id);
        var missing = await Get("nope");

        Assert.Equal(200, found.Status);
        Assert.Equal(id, found.Body.GetProperty("id").GetString());
        Assert.Contains(found.Body.GetProperty("runtimeStatus").GetString(), new[] { "Pending", "Running" });
        Assert.Equal(3, found.Body.GetProperty("request").GetProperty("rounds").GetInt32());
        Assert.Equal(404, missing.Status);
        Assert.True(missing.Body.GetProperty("errors").TryGetProperty("id", out _));
    }

    private async Task<(int Status, System.Text.Json.JsonElement Body, string? ContentType)> Get(string id)
    {
        var context = HttpHarness.Request([], null);
        return await HttpHarness.ExecuteAsync(await RunEndpoint.HandleAsync(id, _host.Client, default), context);
    }

    private async Task<(int Status, System.Text.Json.JsonElement Body, string? ContentType)> TrainWithRealLabelsAsync(string body)
    {
        var context = HttpHarness.Request(Encoding.UTF8.GetBytes(body), "application/json");
        var result = await TrainEndpoint.HandleAsync(context.Request, _host.Client, TrainingLabels.FromFolder(RealData.Directory), Urls, default);
        return await HttpHarness.ExecuteAsync(result, context);
    }

    private static ManagementUrls Urls(string id) =>
        new(id, $"http://test/status/{id}", "e", "t", "p", null, null, null, $"http://test/api/runs/{id}");
}
