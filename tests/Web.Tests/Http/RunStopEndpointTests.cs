using System.Text.Json;
using FedAvg.Common.Http;
using FedAvg.Common.Orchestration;
using FedAvg.Common.Storage;
using FedAvg.Common.Tests.Fixtures;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;

namespace FedAvg.Common.Tests.Http;

/// <summary>POST /api/runs/{id}/stop on a real durable client and Azurite storage.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RunStopEndpointTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private DurableTaskTestHost _host = null!;
    private FedAvgStorage _storage = null!;

    public async Task InitializeAsync()
    {
        _host = await InMemoryDurableHost.StartAsync(StandInRun.Register);
        _storage = azurite.NewStorage();
        await _storage.EnsureContainersAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task An_unfinished_run_gets_its_stop_marker_and_is_terminated()
    {
        string id = await _host.Client.ScheduleNewOrchestrationInstanceAsync(ActivityNames.Orchestrator, Presets.Reference);

        var (status, body, location) = await StopAsync(id);

        Assert.Equal(202, status);
        Assert.Equal($"/api/runs/{id}", location);
        Assert.Equal(id, body.GetProperty("id").GetString());
        Assert.True(await RunStop.IsMarkedAsync(_storage, id));
        var final = await _host.Client.WaitForInstanceCompletionAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, final.RuntimeStatus);
    }

    [Fact]
    public async Task A_finished_run_is_a_409_naming_id_and_gets_no_marker()
    {
        string id = await _host.Client.ScheduleNewOrchestrationInstanceAsync(ActivityNames.Orchestrator, Presets.Reference);
        await _host.Client.TerminateInstanceAsync(id);
        await _host.Client.WaitForInstanceCompletionAsync(id);

        var (status, body, _) = await StopAsync(id);

        Assert.Equal(409, status);
        Assert.True(body.GetProperty("errors").TryGetProperty("id", out _));
        Assert.False(await RunStop.IsMarkedAsync(_storage, id));
    }

    [Theory]
    [InlineData("0000no0such0run", 404)]
    [InlineData(" ", 400)]
    public async Task An_unknown_or_malformed_id_is_a_problem_naming_id(string id, int expected)
    {
        var (status, body, _) = await StopAsync(id);

        Assert.Equal(expected, status);
        Assert.True(body.GetProperty("errors").TryGetProperty("id", out _));
    }

    private async Task<(int Status, JsonElement Body, string Location)> StopAsync(string id)
    {
        var context = HttpHarness.Request([], null);
        var (status, body, _) = await HttpHarness.ExecuteAsync(await RunStopEndpoint.HandleAsync(id, _host.Client, _storage, default), context);
        return (status, body, context.Response.Headers.Location.ToString());
    }
}
