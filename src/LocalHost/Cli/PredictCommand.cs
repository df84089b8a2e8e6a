using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using FedAvg.Common.Imaging;
using FedAvg.Common.Orchestration;
using FedAvg.Common.Prediction;
using FedAvg.Common.Storage;
using FedAvg.LocalHost.Storage;

namespace FedAvg.LocalHost.Cli;

/// <summary><c>fedavg predict IMAGE</c>: the class of one image, from a trained run's final model in local storage.</summary>
internal static class PredictCommand
{
    public static Command Create()
    {
        var image = new Argument<string>("IMAGE") { Description = "a PNG or JPEG file", Arity = ArgumentArity.ZeroOrOne };
        var run = new Option<string>("--run") { Description = "the run whose final model answers (default: the latest completed run)", HelpName = "ID" };
        var json = new Option<bool>("--json") { Description = "print the prediction as JSON" };
        var command = new Command("predict", "classify an image with a trained model") { image, run, json };
        command.SetAction((parse, cancellationToken) =>
            RunAsync(Read(parse.GetValue(image), parse.GetValue(run), parse.GetValue(json)), FedavgCommand.Out(parse), FedavgCommand.Error(parse), cancellationToken));
        return command;
    }

    private static PredictArguments Read(string? image, string? run, bool json)
    {
        if (image is null)
        {
            throw new UsageException("predict needs an image file (fedavg predict IMAGE)");
        }

        if (!File.Exists(image))
        {
            throw new UsageException($"{image}: no such file");
        }

        if (run is { Length: > 200 })
        {
            throw new UsageException("--run must be a run id");
        }

        return new PredictArguments(Path.GetFullPath(image), run, json);
    }

    public static async Task<int> RunAsync(PredictArguments args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        // The image is the user's input: a bad one is a usage error, found before storage starts.
        byte[] pixels;
        try
        {
            pixels = new ImageDecoder().Decode(await File.ReadAllBytesAsync(args.ImagePath, cancellationToken)).Pixels;
        }
        catch (ImageRejectedException e)
        {
            throw new UsageException($"{args.ImagePath}: {e.Message}");
        }

        await using var storage = await LocalStorage.OpenAsync(LocalStorage.Folder, cancellationToken);
        using var predictions = new PredictionService(FedAvgStorage.FromConnectionString(storage.ConnectionString));
        Prediction prediction;
        try
        {
            prediction = await predictions.PredictAsync(pixels, args.RunId, cancellationToken);
        }
        catch (ModelUnavailableException e)
        {
            await stderr.WriteLineAsync($"fedavg: {e.Message} (in {storage.Description})");
            return ExitCodes.Failure;
        }

        if (args.Json)
        {
            await stdout.WriteLineAsync(JsonSerializer.Serialize(prediction, JsonDefaults.Options));
            return ExitCodes.Success;
        }

        var top = prediction.Probabilities.OrderByDescending(p => p.Value).Take(3)
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:P1}"));
        await stdout.WriteLineAsync($"{prediction.Label} ({string.Join(", ", top)}) by run {prediction.Model.RunId} round {prediction.Model.Round}");
        return ExitCodes.Success;
    }
}
