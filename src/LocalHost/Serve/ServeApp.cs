using System.Net;
using FedAvg.Common.Http;
using FedAvg.Common.Orchestration;
using FedAvg.Common.Prediction;
using FedAvg.Common.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scalar.AspNetCore;

namespace FedAvg.LocalHost.Serve;

/// <summary>The web app of <c>fedavg serve</c>: the Functions app's routes on 127.0.0.1, plus OpenAPI and docs.</summary>
internal static class ServeApp
{
    /// <param name="predictions">Null leaves out <c>/api/predict</c> (hosts without trained models, tests).</param>
    /// <param name="blobs">The runs' storage, where stopping a run writes its marker; null leaves out the dashboard and its routes.</param>
    /// <param name="address">Where to listen; null is 127.0.0.1.</param>
    /// <param name="labels">What <c>POST /api/train</c> checks a request's partition against; null: no such check.</param>
    public static WebApplication Build(
        int port, DurableTaskClient client, PredictionService? predictions = null, FedAvgStorage? blobs = null, IPAddress? address = null, TrainingLabels? labels = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "fedavg" });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(address ?? IPAddress.Loopback, port));

        // The terminal shows fedavg's own lines; the framework speaks only when something is wrong.
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // A port taken between ServeCommand's check and Kestrel's bind ends in fedavg's one line too; the host
        // would log that failure again, with its stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);

        builder.Services.AddSingleton(client);
        builder.Services.AddSingleton(labels ?? TrainingLabels.None);
        if (predictions is not null)
        {
            builder.Services.AddSingleton(predictions);
        }

        builder.Services.AddOpenApi(openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "FedAvg on CIFAR-10";
            document.Info.Description = "Federated averaging as a durable orchestration: the same API as the Functions app.";
            return Task.CompletedTask;
        }).AddDocumentTransformer(TrainingRequestOpenApi.ApplyAsync));

        WebApplication app = builder.Build();
        app.MapOpenApi();
        app.MapScalarApiReference("/docs", scalar => scalar.WithTitle("FedAvg API"));
        if (blobs is not null)
        {
            app.MapDashboard(blobs);
        }
        else
        {
            app.MapGet("/", () => Results.Redirect("/docs")).ExcludeFromDescription();
        }

        app.MapDurableStatus();
        MapFedAvg(app, predictions is not null);
        return app;
    }

    // The handlers are the Functions app's own (FedAvg.Common.Http), at the same routes.
    private static void MapFedAvg(WebApplication app, bool predict)
    {
        var api = app.MapGroup("/api").WithTags("FedAvg");
        api.MapPost("/train", (HttpRequest request, DurableTaskClient client, TrainingLabels labels, CancellationToken cancellationToken) =>
                TrainEndpoint.HandleAsync(request, client, labels, id => LocalManagementUrls.For(request, id), cancellationToken))
            .WithSummary($"Start a training run (JSON TrainingRequest; an empty body is the {Presets.Default.Name} preset)")
            .Accepts<TrainingRequest>("application/json")
            .Produces<ManagementUrls>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem();
        api.MapGet("/train/schema", TrainSchemaEndpoint.Handle)
            .WithSummary("The JSON Schema of a training request: fields, defaults, ranges, help, CLI options and presets")
            .Produces(StatusCodes.Status200OK, contentType: TrainSchemaEndpoint.ContentType);
        api.MapGet("/runs/{id}", (string id, DurableTaskClient client, CancellationToken cancellationToken) =>
                RunEndpoint.HandleAsync(id, client, cancellationToken))
            .WithSummary("A run's status, progress and result")
            .Produces<RunView>()
            .ProducesValidationProblem(StatusCodes.Status404NotFound);
        if (predict)
        {
            api.MapPost("/predict", (HttpRequest request, PredictionService predictions, CancellationToken cancellationToken) =>
                    PredictEndpoint.HandleAsync(request, predictions, cancellationToken))
                .WithSummary("Classify a PNG or JPEG (multipart field 'image', or a raw image body); optional runId")
                .Produces<Prediction>()
                .ProducesValidationProblem();
        }
    }
}
