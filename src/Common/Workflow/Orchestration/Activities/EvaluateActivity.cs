using FedAvg.Common.Models;
using FedAvg.Common.Storage;
using FedAvg.Common.Training;
using Microsoft.DurableTask;

namespace FedAvg.Common.Orchestration.Activities;

/// <summary>Test accuracy and loss of a round's global model.</summary>
public sealed class EvaluateActivity(FedAvgRuntime runtime) : TaskActivity<EvaluateInput, EvaluateResult>
{
    public override async Task<EvaluateResult> RunAsync(TaskActivityContext context, EvaluateInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var started = DateTimeOffset.UtcNow;
        await RunStop.ThrowIfStoppedAsync(runtime.Storage, input.RunId).ConfigureAwait(false);
        var test = await runtime.LoadShardAsync(runtime.Storage.Data, BlobNames.TestSet).ConfigureAwait(false);
        if (input.TestLimit is int limit)
        {
            test = test.Take(limit);
        }

        var weights = await ModelBlobs.ReadAsync(runtime.Storage.Models, input.GlobalModelBlob, CancellationToken.None).ConfigureAwait(false);
        return await runtime.ComputeAsync(() =>
        {
            var computeStarted = DateTimeOffset.UtcNow;
            using var model = ModelCatalog.Create(input.Model, seed: 0);
            weights.CopyTo(model);
            var result = Evaluator.Evaluate(model, test);
            return new EvaluateResult((int)result.Samples, result.Accuracy, result.MeanLoss, result.PerClassAccuracy,
                (DateTimeOffset.UtcNow - computeStarted).TotalSeconds, new ActivityTiming(started, DateTimeOffset.UtcNow));
        }, whenAdmitted: () => RunStop.ThrowIfStoppedAsync(runtime.Storage, input.RunId)).ConfigureAwait(false);
    }
}
