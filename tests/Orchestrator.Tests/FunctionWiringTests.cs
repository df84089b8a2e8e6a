using System.Text.Json;

namespace FedAvg.Orchestrator.Tests;

/// <summary>The app as the Functions host will see it: triggers, routes, methods and auth levels.</summary>
public sealed class FunctionWiringTests
{
    [Theory]
    [InlineData("Train", "train", "post", "Function")]
    [InlineData("GetRun", "runs/{id}", "get", "Function")]
    [InlineData("ListRuns", "runs", "get", "Function")]
    [InlineData("StopRun", "runs/{id}/stop", "post", "Function")]
    [InlineData("Dashboard", "dashboard/{*file}", "get", "Anonymous")]
    [InlineData("Predict", "predict", "post", "Anonymous")]
    [InlineData("TrainSchema", "train/schema", "get", "Anonymous")]
    public void Http_functions_have_their_route_methods_and_auth_level(string name, string route, string method, string authLevel)
    {
        var trigger = FunctionMetadata.Trigger(name);

        Assert.Equal("httpTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("In", trigger.GetProperty("direction").GetString());
        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Equal([method], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(authLevel, trigger.GetProperty("authLevel").GetString());
    }

    [Fact]
    public void The_orchestrator_has_an_orchestration_trigger_under_the_name_the_clients_schedule()
    {
        var trigger = FunctionMetadata.Trigger("FedAvgRun");

        Assert.Equal("orchestrationTrigger", trigger.GetProperty("type").GetString());
    }

    [Fact]
    public void A_round_has_an_orchestration_trigger_under_the_name_the_run_schedules()
    {
        Assert.Equal("orchestrationTrigger", FunctionMetadata.Trigger("FedAvgRound").GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("PrepareRun")]
    [InlineData("TrainClient")]
    [InlineData("SumUpdates")]
    [InlineData("Aggregate")]
    [InlineData("Evaluate")]
    [InlineData("EvaluateClients")]
    [InlineData("DiscardUpdates")]
    [InlineData("CompleteRun")]
    public void Every_activity_the_orchestrator_calls_has_an_activity_trigger(string name)
    {
        Assert.Equal("activityTrigger", FunctionMetadata.Trigger(name).GetProperty("type").GetString());
    }

    [Fact]
    public void The_train_and_run_functions_get_a_durable_client()
    {
        foreach (string name in new[] { "Train", "GetRun", "ListRuns", "StopRun" })
        {
            var bindings = FunctionMetadata.Function(name).GetProperty("bindings").EnumerateArray();
            Assert.Contains(bindings, b => b.GetProperty("type").GetString() == "durableClient");
        }
    }

    [Fact]
    public void Nothing_but_the_known_functions_is_exposed()
    {
        var names = FunctionMetadata.All.Select(f => f.GetProperty("name").GetString()).Order().ToArray();

        Assert.Equal(
            new[] { "Aggregate", "CompleteRun", "Dashboard", "DiscardUpdates", "Evaluate", "EvaluateClients", "FedAvgRound", "FedAvgRun", "GetRun", "ListRuns", "Predict", "PrepareRun", "StopRun", "SumUpdates", "Train", "TrainClient", "TrainSchema" },
            names);
    }

    [Fact]
    public void The_dashboard_is_served_under_the_route_prefix_its_page_calls_the_api_beside()
    {
        // The page asks for /api/runs etc. at its own origin; that holds only while every HTTP function is under /api.
        using var host = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(FunctionMetadata.OutputFolder, "host.json")));

        Assert.Equal("api", host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
    }

    [Fact]
    public void An_idle_task_hub_queue_is_polled_within_seconds_not_the_providers_default_half_minute()
    {
        // A round waits on an idle queue a few times (its fan-out after the last evaluation, its completion): at the
        // Azure Storage provider's default of 30 s, each of those waits could cost a 50-client round's whole training time.
        using var host = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(FunctionMetadata.OutputFolder, "host.json")));
        string? interval = host.RootElement.GetProperty("extensions").GetProperty("durableTask").GetProperty("storageProvider")
            .GetProperty("maxQueuePollingInterval").GetString();

        Assert.InRange(TimeSpan.Parse(interval!, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5));
    }
}
