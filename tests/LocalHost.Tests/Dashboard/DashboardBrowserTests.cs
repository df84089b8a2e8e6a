using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FedAvg.Common.Data;
using FedAvg.LocalHost.Tests.EndToEnd;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FedAvg.LocalHost.Tests.Dashboard;

/// <summary>
/// The dashboard in a real browser against a real <c>fedavg serve</c>: a form error names its field, a value the
/// schema says needs another field's gets a hint and a button that sets it, a run started from the form (DP-FedAvg
/// with per-client evaluation) draws one point per round as it trains, its epsilon and per-client accuracy spread
/// among them, a dropped CIFAR-10 test image gets the API's label, and stop ends a run through the stop marker.
/// Screenshots go to the folder FEDAVG_SCREENSHOTS names, when set.
/// </summary>
public sealed class DashboardBrowserTests
{
    private const int Rounds = 3;
    // A guard, not a measurement: on a machine shared by several test runs three small rounds have taken minutes.
    private static readonly TimeSpan RunPatience = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task A_run_started_from_the_form_is_followed_round_by_round_then_predicts_and_another_is_stopped()
    {
        await using var serve = await ServeProcess.StartAsync();
        await using var chromium = await Chromium.LaunchAsync();
        var page = await chromium.Context.NewPageAsync();
        string origin = serve.BaseAddress.GetLeftPart(UriPartial.Authority);
        var foreign = new List<string>();
        var errors = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(origin + "/", StringComparison.Ordinal) && !request.Url.StartsWith("blob:" + origin, StringComparison.Ordinal))
            {
                foreign.Add(request.Url);
            }
        };
        var refused = new List<string>();
        page.Response += (_, response) =>
        {
            // The invalid form's 400 is expected; any other refusal (a missing script, a failing call) is not.
            if (response.Status >= 400 && !(response.Request.Method == "POST" && response.Url.EndsWith("/api/train", StringComparison.Ordinal) && response.Status == 400))
            {
                refused.Add($"{response.Status} {response.Request.Method} {response.Url}");
            }
        };
        page.Console += (_, message) =>
        {
            // Chromium also logs each refused response; those are judged above.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync(origin + "/");
        await Expect(page.GetByText("No runs yet")).ToBeVisibleAsync();

        // An invalid form: each error appears beside the field it names, in the API's words.
        await page.GotoAsync(origin + "/#/new");
        await page.FillAsync("#field-rounds", "0");
        await page.FillAsync("#field-alpha", "-1");
        await page.ClickAsync("#start-form button[type=submit]");
        var apiErrors = await ProblemErrorsAsync(serve.Http, new { rounds = 0, alpha = -1 });
        Assert.Equal(["alpha", "rounds"], apiErrors.Keys.Order());
        foreach (var (field, message) in apiErrors)
        {
            await Expect(page.Locator($".field-error[data-error-for='{field}']")).ToHaveTextAsync(message);
        }

        await ScreenshotAsync(page, "dashboard-form.png");

        Assert.Empty(await RunIdsAsync(serve.Http));

        // A valid one starts a run and opens its page.
        await page.FillAsync("#field-rounds", Rounds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync("#field-alpha", string.Empty);
        // An edited field loses its error: it described the value that was sent, not the one now shown.
        await Expect(page.Locator(".field-error[data-error-for='rounds']")).ToBeHiddenAsync();
        await Expect(page.Locator(".field-error[data-error-for='alpha']")).ToBeHiddenAsync();
        await Expect(page.Locator(".field.invalid")).ToHaveCountAsync(0);
        await page.FillAsync("#field-clients", "3");
        await page.FillAsync("#field-clientsPerRound", "2");
        await page.FillAsync("#field-localEpochs", "2");
        // Screenshots are for the README, so they show a run on the whole data set (a few minutes);
        // the test alone trains on a slice.
        bool fullData = ScreenshotFolder is not null;
        await page.FillAsync("#field-trainLimit", fullData ? string.Empty : "1500");
        await page.FillAsync("#field-testLimit", fullData ? string.Empty : "300");
        await page.FillAsync("#field-clientEvaluation", "0.2");

        // Privacy dp-fedavg needs another model: the form says so from the schema's x-requires and sets it.
        var requirement = await RequirementAsync(serve.Http, "privacy", "dp-fedavg");
        var hint = page.Locator(".field-hint[data-hint-for='privacy']");
        await Expect(hint).ToBeHiddenAsync();
        await page.SelectOptionAsync("#field-privacy", "dp-fedavg");
        await Expect(hint).ToContainTextAsync($"dp-fedavg needs {requirement.Field} {string.Join(" or ", requirement.Values)}");
        await ScreenshotAsync(page, "dashboard-form-requirement.png");
        await hint.GetByRole(AriaRole.Button, new() { Name = $"set {requirement.Field} to {requirement.Values[0]}" }).ClickAsync();
        await Expect(page.Locator($"#field-{requirement.Field}")).ToHaveValueAsync(requirement.Values[0]);
        await Expect(hint).ToBeHiddenAsync();
        await page.ClickAsync("#start-form button[type=submit]");
        await page.WaitForURLAsync("**/#/runs/*");
        string id = Uri.UnescapeDataString(new Uri(page.Url).Fragment["#/runs/".Length..]);
        Assert.Equal([id], await RunIdsAsync(serve.Http));

        // The accuracy chart gains one point per round while the run trains.
        var counts = await PointCountsUntilCompletedAsync(page);
        Assert.Equal(Enumerable.Range(1, Rounds), counts.Where(c => c > 0));
        var run = await serve.Http.GetFromJsonAsync<JsonElement>($"/api/runs/{id}");
        var result = run.GetProperty("result");
        double final = result.GetProperty("finalAccuracy").GetDouble();
        await Expect(page.Locator("#final-accuracy")).ToContainTextAsync($"final accuracy {final * 100:F2}%");
        await Expect(page.Locator("svg.loss-chart circle.point")).ToHaveCountAsync(2 * Rounds);
        await Expect(page.Locator("table.clients tbody tr")).ToHaveCountAsync(3);
        await Expect(page.Locator("svg.heatmap rect.cell")).ToHaveCountAsync(3 * CifarClasses.Names.Count);
        int trainedClients = result.GetProperty("history").EnumerateArray().Sum(round => round.GetProperty("clients").GetArrayLength());
        int shownTrainedClients = 0;
        foreach (string cell in await page.Locator("table.clients tbody tr td:nth-child(3)").AllTextContentsAsync())
        {
            shownTrainedClients += int.Parse(cell, System.Globalization.CultureInfo.InvariantCulture);
        }

        Assert.Equal(trainedClients, shownTrainedClients);
        await ExpectPrivacyAndClientEvaluationAsync(page, result.GetProperty("history"));
        await ScreenshotAsync(page, "dashboard-run.png");

        // The runs list shows it finished, with its final accuracy.
        await page.GotoAsync(origin + "/#/");
        var row = page.Locator($"tr[data-run='{id}']");
        await Expect(row.Locator(".badge")).ToHaveTextAsync("Completed");
        await Expect(row.Locator(".final-accuracy")).ToHaveTextAsync($"{final * 100:F1}%");

        // A real CIFAR-10 test image dropped on the page gets the label the API gives for the same bytes.
        var test = CifarBinaryReader.ReadTestSet(RepoPaths.CifarData, limit: 4);
        byte[] png = CifarPng.Encode(test.Image(3));
        var expected = await PredictAsync(serve.Http, png, id);
        await page.GotoAsync($"{origin}/#/predict?run={id}");
        await Expect(page.Locator("#model-select")).ToHaveValueAsync(id);
        await DropAsync(page, "#drop-zone", png);
        await Expect(page.Locator("#predicted-label")).ToHaveTextAsync(expected.GetProperty("label").GetString()!);
        await Expect(page.Locator("#predicted-model")).ToContainTextAsync($"{id}, round {Rounds}");
        await Expect(page.Locator(".bars .bar")).ToHaveCountAsync(CifarClasses.Names.Count);
        await ScreenshotAsync(page, "dashboard-predict.png");

        // Stop: the button takes the path that writes the stop marker, and the run ends Terminated.
        string doomed = await StartAsync(serve.Http, new { rounds = 50, clients = 3, trainLimit = 3000, testLimit = 200, localEpochs = 2 });
        await page.GotoAsync(origin + "/#/");
        await Expect(page.Locator($"tr[data-run='{doomed}'] .badge")).ToHaveTextAsync("Running", new() { Timeout = 60_000 });
        await ScreenshotAsync(page, "dashboard-runs.png");
        await page.GotoAsync($"{origin}/#/runs/{doomed}");
        await Expect(page.Locator("#stop-run")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        // A run without privacy or per-client evaluation shows neither.
        await Expect(page.Locator("svg.loss-chart")).ToBeVisibleAsync();
        await Expect(page.Locator("#privacy-epsilon, svg.epsilon-chart, svg.client-accuracy-chart, #worst-client")).ToHaveCountAsync(0);
        await page.ClickAsync("#stop-run");
        await page.ClickAsync("#stop-run");
        await Expect(page.Locator(".run-status .badge")).ToHaveTextAsync("Terminated", new() { Timeout = 90_000 });
        await Expect(page.Locator("#stop-run")).ToBeHiddenAsync();
        await using (var state = await LocalState.OpenAsync(serve.StateFolder))
        {
            Assert.Contains($"runs/{doomed}/stopped.json", await state.RunBlobsAsync(doomed));
        }

        Assert.Empty(foreign);
        Assert.Empty(refused);
        Assert.Empty(errors);
        Assert.Equal(0, await serve.StopAsync());
    }

    /// <summary>The accuracy chart's point count each time it changes, until the run's badge says Completed.</summary>
    private static async Task<List<int>> PointCountsUntilCompletedAsync(IPage page)
    {
        var counts = new List<int>();
        var deadline = DateTime.UtcNow + RunPatience;
        while (true)
        {
            var seen = await page.EvaluateAsync<JsonElement>(
                "() => [document.querySelectorAll('svg.accuracy-chart circle.point').length, document.querySelector('.run-status .badge')?.textContent ?? '']");
            int points = seen[0].GetInt32();
            string status = seen[1].GetString()!;
            if (counts.Count == 0 || counts[^1] != points)
            {
                counts.Add(points);
            }

            if (status is "Completed" or "Failed" or "Terminated")
            {
                Assert.Equal("Completed", status);
                return counts;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the run did not complete within {RunPatience}; points seen: {string.Join(", ", counts)}");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// The privacy spent and the per-client accuracy spread, as the API's history gives them: the latest ε in the status
    /// line, a point per round on each chart labelled with its value, and the latest round's worst client.
    /// </summary>
    private static async Task ExpectPrivacyAndClientEvaluationAsync(IPage page, JsonElement history)
    {
        var rounds = history.EnumerateArray().ToList();
        Assert.Equal(Rounds, rounds.Count);
        var last = rounds[^1];
        double epsilon = last.GetProperty("privacy").GetProperty("epsilon").GetDouble();
        await Expect(page.Locator("#privacy-epsilon")).ToContainTextAsync($"ε {Invariant($"{epsilon:F2}")} (δ ");
        await Expect(page.Locator("svg.epsilon-chart circle.point")).ToHaveCountAsync(Rounds);
        string[] quantiles = ["min", "p10", "p50", "p90"];
        await Expect(page.Locator("svg.client-accuracy-chart circle.point")).ToHaveCountAsync(quantiles.Length * Rounds);
        foreach (var round in rounds)
        {
            int number = round.GetProperty("round").GetInt32();
            double spent = round.GetProperty("privacy").GetProperty("epsilon").GetDouble();
            await Expect(page.Locator($"svg.epsilon-chart circle.point[data-round='{number}'] title"))
                .ToHaveTextAsync(Invariant($"epsilon, round {number}: {spent:F1}"));
            foreach (string quantile in quantiles)
            {
                double accuracy = round.GetProperty("clientEvaluation").GetProperty(quantile).GetDouble();
                await Expect(page.Locator($"svg.client-accuracy-chart circle.point[data-series='{quantile}'][data-round='{number}'] title"))
                    .ToHaveTextAsync(Invariant($"{quantile}, round {number}: {Math.Round(accuracy * 100, MidpointRounding.AwayFromZero)}%"));
            }
        }

        var evaluation = last.GetProperty("clientEvaluation");
        await Expect(page.Locator("#worst-client")).ToContainTextAsync(
            Invariant($"worst client {evaluation.GetProperty("worstClient").GetInt32()} at {evaluation.GetProperty("min").GetDouble() * 100:F1}%"));
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    /// <summary>What the schema's x-requires says <paramref name="value"/> of <paramref name="field"/> needs.</summary>
    private static async Task<(string Field, string[] Values)> RequirementAsync(HttpClient http, string field, string value)
    {
        var schema = await http.GetFromJsonAsync<JsonElement>("/api/train/schema");
        var requirement = schema.GetProperty("properties").GetProperty(field).GetProperty("x-requires").EnumerateArray()
            .Single(r => r.TryGetProperty("when", out var when) && when.GetString() == value);
        return (requirement.GetProperty("field").GetString()!, [.. requirement.GetProperty("values").EnumerateArray().Select(v => v.GetString()!)]);
    }

    /// <summary>What a person does: a file dragged from the desktop and dropped on the element.</summary>
    private static async Task DropAsync(IPage page, string selector, byte[] png)
    {
        var transfer = await page.EvaluateHandleAsync(
            """
            base64 => {
              const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
              const transfer = new DataTransfer();
              transfer.items.add(new File([bytes], 'cifar-test.png', { type: 'image/png' }));
              return transfer;
            }
            """, Convert.ToBase64String(png));
        await page.DispatchEventAsync(selector, "dragover", new { dataTransfer = transfer });
        await page.DispatchEventAsync(selector, "drop", new { dataTransfer = transfer });
    }

    private static async Task<Dictionary<string, string>> ProblemErrorsAsync(HttpClient http, object body)
    {
        using var response = await http.PostAsJsonAsync("/api/train", body);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return problem.GetProperty("errors").EnumerateObject()
            .ToDictionary(e => e.Name, e => string.Join("; ", e.Value.EnumerateArray().Select(m => m.GetString())));
    }

    private static async Task<string> StartAsync(HttpClient http, object body)
    {
        using var response = await http.PostAsJsonAsync("/api/train", body);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task<List<string>> RunIdsAsync(HttpClient http) =>
        [.. (await http.GetFromJsonAsync<JsonElement>("/api/runs")).GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("id").GetString()!)];

    private static async Task<JsonElement> PredictAsync(HttpClient http, byte[] png, string runId)
    {
        using var content = new MultipartFormDataContent();
        var image = new ByteArrayContent(png);
        image.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        content.Add(image, "image", "cifar-test.png");
        using var response = await http.PostAsync($"/api/predict?runId={runId}", content);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The folder FEDAVG_SCREENSHOTS names (relative to the repository: docs), if any.</summary>
    private static string? ScreenshotFolder =>
        Environment.GetEnvironmentVariable("FEDAVG_SCREENSHOTS") is { Length: > 0 } named ? Path.Combine(RepoPaths.Root, named) : null;

    /// <summary>Saves a full-page screenshot when FEDAVG_SCREENSHOTS names a folder.</summary>
    private static async Task ScreenshotAsync(IPage page, string name)
    {
        if (ScreenshotFolder is { } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name), FullPage = true });
        }
    }
}
