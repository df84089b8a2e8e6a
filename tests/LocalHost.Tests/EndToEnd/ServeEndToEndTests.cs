using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using FedAvg.Common.Data;

namespace FedAvg.LocalHost.Tests.EndToEnd;

public sealed class ServeEndToEndTests
{
    [Fact]
    public async Task Serve_trains_a_tiny_run_and_classifies_a_real_test_image()
    {
        using var folder = new TempFolder();
        int port = FreeTcpPorts.Next();
        await using var serve = FedavgProcess.Start(folder.Path, "serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await serve.WaitForLineAsync(line => line.Contains("serving on", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };

        using var accepted = await http.PostAsJsonAsync("/api/train", new { rounds = 1, clients = 2, trainLimit = 200, testLimit = 100, localEpochs = 1 });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var urls = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        string id = urls.GetProperty("id").GetString()!;
        Assert.Equal($"http://127.0.0.1:{port}/runtime/webhooks/durabletask/instances/{id}", urls.GetProperty("statusQueryGetUri").GetString());

        JsonElement run = await PollRunAsync(http, urls.GetProperty("runUri").GetString()!, TimeSpan.FromMinutes(3));
        Assert.Equal("Completed", run.GetProperty("runtimeStatus").GetString());

        using (var status = await http.GetAsync(urls.GetProperty("statusQueryGetUri").GetString()))
        {
            Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        }

        // The round's own orchestration is deleted once the run has recorded it: only the run stays in the task hub.
        await WaitForGoneAsync(http, $"http://127.0.0.1:{port}/runtime/webhooks/durabletask/instances/{FedAvg.Common.Orchestration.RunProgress.RoundInstanceId(id, 1)}", TimeSpan.FromSeconds(30));

        var test = CifarBinaryReader.ReadTestSet(RepoPaths.CifarData, limit: 1);
        using var image = new ByteArrayContent(CifarPng.Encode(test.Image(0)));
        image.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using var predicted = await http.PostAsync($"/api/predict?runId={id}", image);
        Assert.Equal(HttpStatusCode.OK, predicted.StatusCode);
        var prediction = await predicted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(prediction.GetProperty("label").GetString(), CifarClasses.Names);
        Assert.Equal(id, prediction.GetProperty("model").GetProperty("runId").GetString());
        double total = prediction.GetProperty("probabilities").EnumerateObject().Sum(p => p.Value.GetDouble());
        Assert.InRange(total, 0.99, 1.01);

        await serve.TerminateAsync();
        Assert.Equal(0, await serve.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    private static async Task WaitForGoneAsync(HttpClient http, string statusUri, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + Patience.For(timeout);
        HttpStatusCode code;
        do
        {
            using var response = await http.GetAsync(statusUri);
            code = response.StatusCode;
            if (code == HttpStatusCode.NotFound)
            {
                return;
            }

            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.NotFound, code);
    }

    private static async Task<JsonElement> PollRunAsync(HttpClient http, string runUri, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + Patience.For(timeout);
        while (true)
        {
            var run = await http.GetFromJsonAsync<JsonElement>(runUri);
            string? status = run.GetProperty("runtimeStatus").GetString();
            if (status is "Completed" or "Failed" or "Terminated" || DateTime.UtcNow > deadline)
            {
                return run;
            }

            await Task.Delay(500);
        }
    }
}
