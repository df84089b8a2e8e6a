namespace FedAvg.LocalHost.Cli;

/// <summary>
/// The flags of <c>fedavg train</c> and the request fields they set, so that a validation error on a
/// field (from the shared request validator) can be reported under the flag the user typed.
/// </summary>
internal static class TrainFlags
{
    public const string Preset = "--preset";
    public const string Json = "--json";
    public const string Resume = "--resume";
    public const string Augment = "--augment";
    public const string RunsDir = "--runs-dir";

    /// <summary>Flag to request field (camelCase, as in the JSON API).</summary>
    public static IReadOnlyDictionary<string, string> Fields { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--rounds"] = "rounds",
        ["--clients"] = "clients",
        ["--partition"] = "partition",
        ["--alpha"] = "alpha",
        ["--clients-per-round"] = "clientsPerRound",
        ["--fraction"] = "fraction",
        ["--local-epochs"] = "localEpochs",
        ["--batch-size"] = "batchSize",
        ["--lr"] = "learningRate",
        ["--lr-schedule"] = "learningRateSchedule",
        ["--momentum"] = "momentum",
        ["--weight-decay"] = "weightDecay",
        [Augment] = "augmentation",
        ["--model"] = "model",
        ["--seed"] = "seed",
        ["--train-limit"] = "trainLimit",
        ["--test-limit"] = "testLimit",
    };

    public static IReadOnlyCollection<string> Switches { get; } = [Augment, Json, "--help"];

    public static IReadOnlyCollection<string> Valued { get; } =
        [.. Fields.Keys.Where(flag => flag != Augment), Preset, Resume, DataFolderOption.Flag, RunsDir];

    /// <summary>The flag that sets <paramref name="field"/>, or the field itself when no flag does.</summary>
    public static string FlagFor(string field) =>
        Fields.FirstOrDefault(pair => string.Equals(pair.Value, field, StringComparison.Ordinal)).Key ?? field;

    public static TrainArguments Read(IReadOnlyList<string> args)
    {
        var reader = ArgumentReader.Parse("train", args, Switches, Valued);
        var parsed = new TrainArguments
        {
            Preset = reader.String(Preset) ?? "reference",
            Rounds = reader.Int("--rounds"),
            Clients = reader.Int("--clients"),
            Partition = reader.String("--partition"),
            Alpha = reader.Double("--alpha"),
            ClientsPerRound = reader.Int("--clients-per-round"),
            Fraction = reader.Double("--fraction"),
            LocalEpochs = reader.Int("--local-epochs"),
            BatchSize = reader.Int("--batch-size"),
            LearningRate = reader.Double("--lr"),
            LearningRateSchedule = reader.String("--lr-schedule"),
            Momentum = reader.Double("--momentum"),
            WeightDecay = reader.Double("--weight-decay"),
            Augmentation = reader.Has(Augment) ? true : null,
            Model = reader.String("--model"),
            Seed = reader.Int("--seed"),
            TrainLimit = reader.Int("--train-limit"),
            TestLimit = reader.Int("--test-limit"),
            DataFolder = DataFolderOption.ReadOrLocate(reader),
            Json = reader.Has(Json),
            ResumeId = reader.String(Resume),
            RunsFolder = reader.String(RunsDir) ?? "runs",
        };

        if (parsed.ResumeId is not null)
        {
            string? setting = Fields.Keys.Append(Preset).FirstOrDefault(reader.Has);
            if (setting is not null)
            {
                throw new UsageException($"{Resume} continues a run as it was requested; {setting} cannot change it");
            }

            if (parsed.ResumeId.Length > 200)
            {
                throw new UsageException($"{Resume} must be a run id");
            }
        }

        return parsed;
    }
}
