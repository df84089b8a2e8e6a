namespace FedAvg.LocalHost.Cli;

/// <summary><c>fedavg bench</c>: a placeholder until the benchmarks land.</summary>
internal static class BenchCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stderr)
    {
        ArgumentReader.Parse("bench", args, [], []);
        await stderr.WriteLineAsync("fedavg: bench is not available yet");
        return ExitCodes.Failure;
    }
}
