using BenchmarkDotNet.Running;

namespace FedAvg.Benchmarks;

internal static class Program
{
    /// <summary>
    /// <c>dotnet run -c Release -- [BenchmarkDotNet arguments]</c> (all benchmarks when none), or
    /// <c>simulate ...</c> for the in-memory FedAvg recipe runs (see SimulationOptions).
    /// </summary>
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "simulate")
        {
            return Simulation.SimulationCommand.Run(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args.Length == 0 ? ["--filter", "*"] : args);
        return 0;
    }
}
