using FedAvg.Common.Data;
using FedAvg.Common.Orchestration;
using FedAvg.Common.Prediction;
using FedAvg.Common.Storage;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

var storage = StorageSettings.FromEnvironment()
    ?? throw new InvalidOperationException("No storage configured: set AzureWebJobsStorage (or AzureWebJobsStorage__accountName for managed identity).");
builder.Services.AddSingleton(storage);

// FEDAVG_DATA points at a local copy; otherwise the official archive is downloaded once per instance.
string? dataFolder = Environment.GetEnvironmentVariable(CifarDataFolder.EnvironmentVariable);
builder.Services.AddSingleton(new FedAvgRuntime(storage, new FedAvgRuntimeOptions
{
    ResolveDataDirectory = ct => CifarDataResolver.ResolveAsync(dataFolder, Path.Combine(Path.GetTempPath(), "fedavg-data"), progress: null, ct),
    KeepClientUpdates = FedAvgRuntimeOptions.KeepClientUpdatesFromEnvironment(),
}));

// POST /api/train draws a request's partition from these labels before scheduling it (never downloads).
builder.Services.AddSingleton(TrainingLabels.From(storage, _ => Task.FromResult(CifarDataFolder.Locate(dataFolder))));
builder.Services.AddSingleton(sp => new PredictionService(sp.GetRequiredService<FedAvgStorage>()));

await builder.Build().RunAsync();
