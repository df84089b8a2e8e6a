using System.Globalization;
using FedAvg.Common.Aggregation;
using FedAvg.Common.Data;
using TorchSharp;

namespace FedAvg.Benchmarks.Simulation;

/// <summary>
/// <c>simulate [--model M] [--rounds R] [--clients K] [--per-round C] [--epochs E] [--lr X] [--momentum X]
/// [--wd X] [--augment] [--schedule constant|cosine] [--server-lr X] [--server-momentum X] [--fraction F]
/// [--test-images N] [--parallel P] [--threads T] [--seed S] [--data DIR]</c>
/// </summary>
internal static class SimulationCommand
{
    public static int Run(string[] args)
    {
        var options = new SimulationOptions();
        string? data = null;
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => args[++i];
            double Number() => double.Parse(Next(), CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--model" => options with { Model = Next() },
                "--rounds" => options with { Rounds = (int)Number() },
                "--clients" => options with { Clients = (int)Number() },
                "--per-round" => options with { ClientsPerRound = (int)Number() },
                "--epochs" => options with { Epochs = (int)Number() },
                "--batch" => options with { BatchSize = (int)Number() },
                "--lr" => options with { LearningRate = Number() },
                "--momentum" => options with { Momentum = Number() },
                "--wd" => options with { WeightDecay = Number() },
                "--augment" => options with { Augment = true },
                "--schedule" => options with { Schedule = Next() },
                "--server-lr" => options with { Server = options.Server with { LearningRate = Number() } },
                "--server-momentum" => options with { Server = options.Server with { Momentum = Number() } },
                "--fraction" => options with { DataFraction = Number() },
                "--test-images" => options with { TestImages = (int)Number() },
                "--parallel" => options with { ParallelClients = (int)Number() },
                "--threads" => options with { TorchThreads = (int)Number() },
                "--seed" => options with { Seed = (long)Number() },
                "--data" => SetData(Next()),
                _ => throw new ArgumentException($"Unknown option '{args[i]}'."),
            };
        }

        torch.set_num_threads(Math.Max(1, options.TorchThreads / options.ParallelClients));
        Console.WriteLine($"{options} torch-threads {torch.get_num_threads()}");
        // The product's own lookup: --data, FEDAVG_DATA, ./data/cifar-10-batches-bin.
        string folder = CifarDataFolder.Locate(data) ?? throw new ArgumentException("No CIFAR-10 folder: pass --data DIR or set FEDAVG_DATA.");
        var train = CifarBinaryReader.ReadTrainingSet(folder);
        var test = CifarBinaryReader.ReadTestSet(folder);
        var results = FederatedSimulation.Run(options, train, test, Console.Out);
        var last = results[^1];
        var best = results.MaxBy(r => r.Test.Accuracy)!;
        Console.WriteLine($"final {last.Test.Accuracy:P2} (round {last.Round}), best {best.Test.Accuracy:P2} (round {best.Round}), total {last.Elapsed:mm\\:ss}");
        return 0;

        SimulationOptions SetData(string directory)
        {
            data = directory;
            return options;
        }
    }
}
