using FedAvg.Common.Orchestration;

namespace FedAvg.LocalHost.Cli;

/// <summary><c>fedavg train</c>: the request to run (null: resume a run), and how to report.</summary>
internal sealed record TrainArguments
{
    /// <summary>The preset and the values typed over it, validated; null with <see cref="ResumeId"/>.</summary>
    public TrainingRequest? Request { get; init; }

    /// <summary>A CIFAR-10 folder the user named, validated; null: FEDAVG_DATA, ./data, else a download.</summary>
    public string? DataFolder { get; init; }

    /// <summary>Print only the final report as JSON on stdout.</summary>
    public bool Json { get; init; }

    /// <summary>Wait for this existing run instead of starting one.</summary>
    public string? ResumeId { get; init; }

    /// <summary>Where runs/&lt;id&gt;/report.json goes.</summary>
    public string RunsFolder { get; init; } = "runs";

    /// <summary>A request field's option as the user typed it (<c>--lr</c>), for problems found after parsing.</summary>
    public Func<string, string> OptionName { get; init; } = field => TrainingRequestFields.Find(field)?.CliName ?? field;

    /// <summary>The command that continues run <paramref name="id"/> after it was interrupted.</summary>
    public static string ResumeCommand(string id) => $"fedavg train --resume {id}";
}
