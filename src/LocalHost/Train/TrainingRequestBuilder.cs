using FedAvg.Common.Orchestration;
using FedAvg.LocalHost.Cli;

namespace FedAvg.LocalHost.Train;

/// <summary>
/// Turns <c>fedavg train</c>'s flags into a <see cref="TrainingRequest"/> and validates it with the
/// same rules as <c>POST /api/train</c>, reporting a problem under the flag the user typed.
/// </summary>
internal static class TrainingRequestBuilder
{
    public static TrainingRequest Build(TrainArguments args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (!Presets.All.TryGetValue(args.Preset, out Preset? named))
        {
            throw new UsageException($"{TrainFlags.Preset} must be one of {string.Join(", ", Presets.All.Keys)}");
        }

        var preset = named.Request;
        var request = preset with
        {
            Rounds = args.Rounds ?? preset.Rounds,
            Clients = args.Clients ?? preset.Clients,
            Partition = args.Partition ?? preset.Partition,
            Alpha = args.Alpha ?? preset.Alpha,
            ClientsPerRound = args.ClientsPerRound ?? preset.ClientsPerRound,
            Fraction = args.Fraction ?? preset.Fraction,
            LocalEpochs = args.LocalEpochs ?? preset.LocalEpochs,
            BatchSize = args.BatchSize ?? preset.BatchSize,
            LearningRate = args.LearningRate ?? preset.LearningRate,
            LearningRateSchedule = args.LearningRateSchedule ?? preset.LearningRateSchedule,
            Momentum = args.Momentum ?? preset.Momentum,
            WeightDecay = args.WeightDecay ?? preset.WeightDecay,
            Augmentation = args.Augmentation ?? preset.Augmentation,
            Model = args.Model ?? preset.Model,
            Seed = args.Seed ?? preset.Seed,
            TrainLimit = args.TrainLimit ?? preset.TrainLimit,
            TestLimit = args.TestLimit ?? preset.TestLimit,
        };

        var errors = TrainingRequestValidator.Validate(request).ToDictionary();
        if (errors.Count > 0)
        {
            // One line: the first problem, under its flag (the user fixes one thing at a time anyway).
            var (field, messages) = errors.First();
            throw new UsageException($"{TrainFlags.FlagFor(field)} {messages[0]}");
        }

        return request;
    }
}
