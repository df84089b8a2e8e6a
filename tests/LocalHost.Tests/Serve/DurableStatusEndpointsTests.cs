using FedAvg.Common.Emulator;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using FedAvg.Common.Storage;
using FedAvg.LocalHost.Engine;
using FedAvg.LocalHost.Serve;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

using FedAvg.LocalHost.Tests.EndToEnd;

namespace FedAvg.LocalHost.Tests.Serve;

public sealed class DurableStatusEndpointsTests
{
    [Fact]
    public async Task Status_routes_answer_as_durable_functions_does()
    {
        using var timeout = new CancellationTokenSource(Patience.For(TimeSpan.FromSeconds(90)));
        await using var azurite = await AzuriteServer.StartAsync(location: null, cancellationToken: timeout.Token);
        await using var engine = await LocalDurableEngine.StartAsync(new LocalDurableEngineOptions(azurite.ConnectionString), registry =>
            registry.AddOrchestratorFunc<string, string>("AwaitGo", async (context, input) =>
            {
                context.SetCustomStatus(new { phase = "waiting" });
                string go = await context.WaitForExternalEvent<string>("go");
                return $"{input}:{go}";
            }), timeout.Token);
        int port = FreeTcpPorts.Next();
        await using var app = ServeApp.Build(port, engine.Client);
        await app.StartAsync(timeout.Token);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("AwaitGo", "hello", timeout.Token);
        await engine.Client.WaitForInstanceStartAsync(id, timeout.Token);
        string statusUri = $"/runtime/webhooks/durabletask/instances/{id}";

        using (var running = await http.GetAsync(statusUri, timeout.Token))
        {
            Assert.Equal(HttpStatusCode.Accepted, running.StatusCode);
            Assert.Equal($"http://127.0.0.1:{port}{statusUri}", running.Headers.Location?.ToString());
            Assert.Equal(TimeSpan.FromSeconds(5), running.Headers.RetryAfter?.Delta);
            var body = await running.Content.ReadFromJsonAsync<JsonElement>(timeout.Token);
            Assert.Equal("AwaitGo", body.GetProperty("name").GetString());
            Assert.Equal(id, body.GetProperty("instanceId").GetString());
            Assert.Equal("Running", body.GetProperty("runtimeStatus").GetString());
            Assert.Equal("hello", body.GetProperty("input").GetString());
            Assert.Equal("waiting", body.GetProperty("customStatus").GetProperty("phase").GetString());
            Assert.Equal(JsonValueKind.Null, body.GetProperty("output").ValueKind);
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", body.GetProperty("createdTime").GetString());
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", body.GetProperty("lastUpdatedTime").GetString());
        }

        using (var raised = await http.PostAsJsonAsync($"{statusUri}/raiseEvent/go", "now", timeout.Token))
        {
            Assert.Equal(HttpStatusCode.Accepted, raised.StatusCode);
        }

        await engine.Client.WaitForInstanceCompletionAsync(id, timeout.Token);
        using (var done = await http.GetAsync(statusUri, timeout.Token))
        {
            Assert.Equal(HttpStatusCode.OK, done.StatusCode);
            var body = await done.Content.ReadFromJsonAsync<JsonElement>(timeout.Token);
            Assert.Equal("Completed", body.GetProperty("runtimeStatus").GetString());
            Assert.Equal("hello:now", body.GetProperty("output").GetString());
        }

        using (var terminate = await http.PostAsync($"{statusUri}/terminate?reason=late", null, timeout.Token))
        {
            Assert.Equal(HttpStatusCode.Gone, terminate.StatusCode);
        }

        using (var unknown = await http.GetAsync("/runtime/webhooks/durabletask/instances/no-such-run", timeout.Token))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        using (var purge = await http.DeleteAsync(statusUri, timeout.Token))
        {
            Assert.Equal(HttpStatusCode.OK, purge.StatusCode);
        }

        using (var openApi = await http.GetAsync("/openapi/v1.json", timeout.Token))
        {
            Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
            Assert.Contains("/runtime/webhooks/durabletask/instances/{id}", await openApi.Content.ReadAsStringAsync(timeout.Token));
        }

        using (var docs = await http.GetAsync("/docs/", timeout.Token))
        {
            Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
            Assert.Contains("text/html", docs.Content.Headers.ContentType?.ToString());
        }

        await app.StopAsync(timeout.Token);
    }
}
