using System.Diagnostics;
using FedAvg.Common.Aggregation;
using FedAvg.Common.Data;
using FedAvg.Common.Models;
using FedAvg.Common.Partitioning;
using FedAvg.Common.Training;

namespace FedAvg.Benchmarks.Simulation;

/// <summary>
/// FedAvg rounds in one process with the production pieces: ModelCatalog, LocalTrainer, FedAvgAggregator,
/// ServerOptimizer, Evaluator. Weights pass between rounds as ModelWeights, as they would through storage.
/// </summary>
internal static class FederatedSimulation
{
    public static IReadOnlyList<RoundResult> Run(SimulationOptions options, CifarDataset train, CifarDataset test, TextWriter log)
    {
        var stopwatch = Stopwatch.StartNew();
        var partition = DirichletPartitioner.Partition(train.Labels, options.Clients, options.Alpha, options.PartitionSeed);
        var shuffle = new Random(options.PartitionSeed);
        var clientData = partition.ClientIndices.Select(indices =>
        {
            // Shuffled so that a probe's data fraction (a prefix) keeps the client's class mix.
            int[] shuffled = [.. indices];
            shuffle.Shuffle(shuffled);
            return train.Subset(shuffled.Take((int)Math.Ceiling(shuffled.Length * options.DataFraction)).ToArray());
        }).ToArray();
        log.WriteLine($"clients: {string.Join(", ", clientData.Select((d, c) => $"{c}:{d.Count} [{string.Join(' ', d.ClassHistogram())}]"))}");
        test = test.Take(options.TestImages);

        ModelWeights global;
        using (var initial = ModelCatalog.Create(options.Model, options.Seed))
        {
            global = ModelWeights.FromModule(initial, options.Model);
        }

        ModelWeights? momentum = null;
        var results = new List<RoundResult>();
        for (int round = 0; round < options.Rounds; round++)
        {
            var roundWatch = Stopwatch.StartNew();
            int[] selected = Select(options, round);
            double learningRate = options.RoundLearningRate(round);
            var updates = new ClientUpdate[selected.Length];
            var trainResults = new LocalTrainingResult[selected.Length];
            Parallel.For(0, selected.Length, new ParallelOptions { MaxDegreeOfParallelism = options.ParallelClients }, i =>
            {
                int client = selected[i];
                using var model = ModelCatalog.Create(options.Model, options.Seed);
                global.CopyTo(model);
                trainResults[i] = LocalTrainer.Train(model, clientData[client], new LocalTrainingOptions
                {
                    Epochs = options.Epochs,
                    BatchSize = options.BatchSize,
                    LearningRate = learningRate,
                    Momentum = options.Momentum,
                    WeightDecay = options.WeightDecay,
                    Augment = options.Augment,
                    Seed = SeedMixer.Mix(options.Seed, round, client),
                });
                updates[i] = new ClientUpdate($"client-{client}", ModelWeights.FromModule(model, options.Model), clientData[client].Count);
            });

            ModelWeights average = FedAvgAggregator.Average(updates);
            ServerStep step = ServerOptimizer.Step(global, average, momentum, options.Server);
            global = step.Global;
            momentum = step.Momentum;

            EvaluationResult evaluation;
            using (var model = ModelCatalog.Create(options.Model, options.Seed))
            {
                global.CopyTo(model);
                evaluation = Evaluator.Evaluate(model, test);
            }

            long images = trainResults.Sum(r => r.Samples) * options.Epochs;
            var result = new RoundResult(round + 1, selected, learningRate, trainResults.Average(r => r.MeanLoss), evaluation, stopwatch.Elapsed, images / roundWatch.Elapsed.TotalSeconds);
            results.Add(result);
            log.WriteLine($"round {result.Round,2} clients [{string.Join(',', selected)}] lr {learningRate:F4} train-loss {result.TrainLoss:F3} test-acc {evaluation.Accuracy:P2} test-loss {evaluation.MeanLoss:F3} {result.ImagesPerSecond:F0} img/s elapsed {stopwatch.Elapsed:mm\\:ss}");
        }

        return results;
    }

    /// <summary>All clients, or a seeded sample of ClientsPerRound of them.</summary>
    private static int[] Select(SimulationOptions options, int round)
    {
        int[] all = [.. Enumerable.Range(0, options.Clients)];
        if (options.ClientsPerRound >= options.Clients)
        {
            return all;
        }

        new Random(unchecked((int)SeedMixer.Derive(options.Seed, round))).Shuffle(all);
        return [.. all.Take(options.ClientsPerRound).Order()];
    }
}
