using System.Net;
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
    public static WebApplication Build(int port, DurableTaskClient client)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "fedavg" });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));

        // The terminal shows fedavg's own lines; the framework speaks only when something is wrong.
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        builder.Services.AddSingleton(client);
        builder.Services.AddOpenApi(openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "FedAvg on CIFAR-10";
            document.Info.Description = "Federated averaging as a durable orchestration: the same API as the Functions app.";
            return Task.CompletedTask;
        }));

        WebApplication app = builder.Build();
        app.MapOpenApi();
        app.MapScalarApiReference("/docs", scalar => scalar.WithTitle("FedAvg API"));
        app.MapGet("/", () => Results.Redirect("/docs")).ExcludeFromDescription();
        app.MapDurableStatus();
        return app;
    }
}
