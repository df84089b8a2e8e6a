using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace FedAvg.LocalHost.Tests.EndToEnd;

/// <summary>GET /api/runs and POST /api/runs/{id}/stop in fedavg serve, on the Azure Storage backend over Azurite.</summary>
public sealed class ServeRunsEndToEndTests
{
    [Fact]
    public async Task Runs_are_listed_a_page_at_a_time_filtered_by_status_and_bad_paging_is_a_problem_naming_the_parameter()
    {
        await using var serve = await ServeProcess.StartAsync();
        var started = new List<string>();
        for (int seed = 1; seed <= 3; seed++)
        {
            using var accepted = await serve.Http.PostAsJsonAsync("/api/train", new { rounds = 1, clients = 2, trainLimit = 200, testLimit = 100, localEpochs = 1, seed });
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            started.Add((await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        }

        await Patience.UntilAsync(async () => (await IdsAsync(serve.Http, "/api/runs?status=Completed")).Count == 3, TimeSpan.FromMinutes(4));

        var first = await GetJsonAsync(serve.Http, "/api/runs?pageSize=2");
        string token = first.GetProperty("continuationToken").GetString()!;
        var second = await GetJsonAsync(serve.Http, $"/api/runs?pageSize=2&continuationToken={Uri.EscapeDataString(token)}");
        var listed = first.GetProperty("runs").EnumerateArray().Concat(second.GetProperty("runs").EnumerateArray())
            .Select(run => run.GetProperty("id").GetString()!).ToList();
        Assert.Equal(2, first.GetProperty("runs").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("continuationToken").ValueKind);
        Assert.Equal(started.Order(), listed.Order());
        Assert.Empty(await IdsAsync(serve.Http, "/api/runs?status=Running,Pending,Failed"));

        await AssertProblemAsync(serve.Http, "/api/runs?pageSize=101", "pageSize");
        await AssertProblemAsync(serve.Http, $"/api/runs?continuationToken={Uri.EscapeDataString(token[..^3])}", "continuationToken");
        await AssertProblemAsync(serve.Http, "/api/runs?status=Finished", "status");

        using (var stop = await serve.Http.PostAsync($"/api/runs/{started[0]}/stop", null))
        {
            Assert.Equal(HttpStatusCode.Conflict, stop.StatusCode);
        }

        Assert.Equal(0, await serve.StopAsync());
    }

    private static async Task AssertProblemAsync(HttpClient http, string uri, string parameter)
    {
        using var response = await http.GetAsync(uri);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal([parameter], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    private static async Task<List<string>> IdsAsync(HttpClient http, string uri) =>
        [.. (await GetJsonAsync(http, uri)).GetProperty("runs").EnumerateArray().Select(run => run.GetProperty("id").GetString()!)];

    private static async Task<JsonElement> GetJsonAsync(HttpClient http, string uri)
    {
        using var response = await http.GetAsync(uri);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
