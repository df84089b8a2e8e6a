using FedAvg.LocalHost.Tests.EndToEnd;

namespace FedAvg.Notebooks.Tests;

/// <summary>The notebook under test, found as the end-to-end tests find the CLI and the data (their RepoPaths, linked in).</summary>
internal static class NotebookPaths
{
    public static string Notebook => Path.Combine(RepoPaths.Root, "notebooks", "fedavg.ipynb");
}
