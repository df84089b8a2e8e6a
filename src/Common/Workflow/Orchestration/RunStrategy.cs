using System.Globalization;
using FedAvg.Common.Aggregation;
using FedAvg.Common.Training;

namespace FedAvg.Common.Orchestration;

/// <summary>
/// How a run trains, as its status and result record it: the client algorithm and the server optimiser, each with the
/// settings it uses. A setting the choice ignores is null (proximalMu outside fedprox, logitAdjustment at 0, the betas and tau under avgm,
/// momentum under the adaptive optimisers), so the record never shows a value that had no effect; so is the privacy
/// of a run without (privacy none).
/// </summary>
public sealed record RunStrategy(
    string ClientAlgorithm,
    double? ProximalMu,
    string ServerOptimizer,
    double ServerLearningRate,
    double? ServerMomentum,
    double? ServerBeta1,
    double? ServerBeta2,
    double? ServerTau,
    RunPrivacy? Privacy = null,
    double? LogitAdjustment = null)
{
    public static RunStrategy Of(TrainingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        bool adaptive = request.ServerOptions.IsAdaptive;
        return new RunStrategy(
            request.ClientAlgorithm,
            request.ClientAlgorithm == ClientAlgorithmNames.FedProx ? request.ProximalMu : null,
            request.ServerOptimizer,
            request.ServerLearningRate,
            adaptive ? null : request.ServerMomentum,
            adaptive ? request.ServerBeta1 : null,
            adaptive && request.ServerOptimizer != ServerOptimizerNames.FedAdagrad ? request.ServerBeta2 : null,
            adaptive ? request.ServerTau : null,
            RunPrivacy.Of(request),
            request.LogitAdjustment > 0 ? request.LogitAdjustment : null);
    }

    /// <summary>One line, in the request's field names: "clientAlgorithm fedprox (proximalMu 0.01), serverOptimizer adam (...)".</summary>
    public string Describe()
    {
        var client = Settings((TrainingRequestFields.ProximalMu.Name, ProximalMu), (TrainingRequestFields.LogitAdjustment.Name, LogitAdjustment));
        var server = Settings(
            (TrainingRequestFields.ServerLearningRate.Name, ServerLearningRate),
            (TrainingRequestFields.ServerMomentum.Name, ServerMomentum),
            (TrainingRequestFields.ServerBeta1.Name, ServerBeta1),
            (TrainingRequestFields.ServerBeta2.Name, ServerBeta2),
            (TrainingRequestFields.ServerTau.Name, ServerTau));
        string line = $"{TrainingRequestFields.ClientAlgorithm.Name} {ClientAlgorithm}{client}, {TrainingRequestFields.ServerOptimizer.Name} {ServerOptimizer}{server}";
        if (Privacy is { } privacy)
        {
            var settings = Settings(
                (TrainingRequestFields.DpClipNorm.Name, privacy.ClipNorm),
                (TrainingRequestFields.DpNoiseMultiplier.Name, privacy.NoiseMultiplier),
                (TrainingRequestFields.DpDelta.Name, privacy.Delta),
                (TrainingRequestFields.TargetEpsilon.Name, privacy.TargetEpsilon));
            string adaptive = privacy.AdaptiveClipping ? $", {TrainingRequestFields.DpAdaptiveClipping.Name}" : string.Empty;
            line += $", {TrainingRequestFields.Privacy.Name} {privacy.Mechanism}{settings.TrimEnd(')')}{(settings.Length > 0 ? adaptive + ")" : string.Empty)}";
        }

        return line;
    }

    private static string Settings(params (string Name, double? Value)[] settings)
    {
        var used = settings.Where(s => s.Value is not null).Select(s => $"{s.Name} {RequestField.Format(s.Value)}").ToList();
        return used.Count == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" ({string.Join(", ", used)})");
    }
}
