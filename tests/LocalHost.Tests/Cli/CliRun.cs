using FedAvg.LocalHost.Cli;

namespace FedAvg.LocalHost.Tests.Cli;

/// <summary>Runs the CLI in this process and captures what it prints.</summary>
internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var timeout = new CancellationTokenSource(Patience.For(TimeSpan.FromMinutes(2)));
        int code = await CliApp.RunAsync(args, stdout, stderr, timeout.Token);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The single line on stderr; fails if there is not exactly one.</summary>
    public string ErrorLine
    {
        get
        {
            string[] lines = Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.True(lines.Length == 1, $"expected one line on stderr, got: {Stderr}");
            return lines[0];
        }
    }
}
