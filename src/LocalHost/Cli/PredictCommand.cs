namespace FedAvg.LocalHost.Cli;

/// <summary><c>fedavg predict IMAGE</c>: the class of one image, from a trained run's final model.</summary>
internal static class PredictCommand
{
    public static PredictArguments Read(IReadOnlyList<string> args)
    {
        var reader = ArgumentReader.Parse("predict", args, ["--json", "--help"], ["--run"], maxPositionals: 1);
        if (reader.Positionals.Count == 0)
        {
            throw new UsageException("predict needs an image file (fedavg predict IMAGE)");
        }

        string image = reader.Positionals[0];
        if (!File.Exists(image))
        {
            throw new UsageException($"{image}: no such file");
        }

        string? run = reader.String("--run");
        if (run is { Length: > 200 })
        {
            throw new UsageException("--run must be a run id");
        }

        return new PredictArguments(Path.GetFullPath(image), run, reader.Has("--json"));
    }

    public static async Task<int> RunAsync(PredictArguments args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stderr);
        await stderr.WriteLineAsync("fedavg: predict is not available yet (it needs the prediction service)");
        return ExitCodes.Failure;
    }
}
