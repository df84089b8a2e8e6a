namespace FedAvg.LocalHost.Cli;

internal static class CliApp
{
    public static int Run(string[] args)
    {
        Console.Error.WriteLine("fedavg: no commands are available yet");
        return 2;
    }
}
