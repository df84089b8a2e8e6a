namespace FedAvg.Common.Training;

/// <summary>
/// A model's accuracy and mean cross-entropy on a dataset. <see cref="PerClassAccuracy"/>[c] is the share of
/// samples labelled c that were predicted as c, or 0 when <see cref="PerClassSamples"/>[c] is 0.
/// </summary>
#pragma warning disable CA1819 // Ten numbers each, produced once per evaluation and serialised as they are.
public sealed record EvaluationResult(
    long Samples,
    double Accuracy,
    double MeanLoss,
    double[] PerClassAccuracy,
    long[] PerClassSamples);
#pragma warning restore CA1819
