using System.Reflection;
using FedAvg.Common.Data;
using FedAvg.Common.Emulator;
using FedAvg.Common.Http;
using FedAvg.Common.Orchestration;
using FedAvg.Common.Reporting;

namespace FedAvg.Architecture.Tests;

/// <summary>
/// The direction of the layers, read from the compiled assemblies' references: learning knows nothing of
/// storage, workflows or HTTP; the workflow nothing of HTTP; nothing shipped to Azure knows charts or the
/// emulator. A project reference added against the direction fails here, not in review.
/// </summary>
public sealed class DependencyRuleTests
{
    private static readonly Assembly Learning = typeof(CifarDataset).Assembly;
    private static readonly Assembly Workflow = typeof(FedAvgOrchestrator).Assembly;
    private static readonly Assembly Web = typeof(TrainEndpoint).Assembly;
    private static readonly Assembly Reporting = typeof(AccuracyChart).Assembly;
    private static readonly Assembly Emulator = typeof(AzuriteServer).Assembly;

    public static TheoryData<string> Rules() => new(RuleSet.Keys);

    private static readonly Dictionary<string, DependencyRule> RuleSet = new[]
    {
        // TorchSharp and System.Numerics.Tensors (a System.* name) only.
        new DependencyRule(Learning, "TorchSharp"),
        new DependencyRule(Workflow, "FedAvg.Learning", "TorchSharp", "Azure", "Microsoft.DurableTask", "Microsoft.Extensions"),
        new DependencyRule(Web, "FedAvg.Learning", "FedAvg.Workflow", "TorchSharp", "Azure", "Microsoft.DurableTask", "Microsoft.Extensions", "Microsoft.AspNetCore", "Microsoft.Net.Http.Headers", "SixLabors"),
        new DependencyRule(Reporting, "FedAvg.Learning", "ScottPlot", "SkiaSharp", "SixLabors"),
        new DependencyRule(Emulator),
    }.ToDictionary(rule => rule.ToString());

    [Theory]
    [MemberData(nameof(Rules))]
    public void Assembly_references_only_what_its_layer_allows(string assembly)
    {
        Assert.Empty(RuleSet[assembly].Violations());
    }

    [Fact]
    public void Learning_references_no_other_layer()
    {
        // Stated on its own because it is the rule that matters most: the maths runs anywhere.
        string[] names = Learning.GetReferencedAssemblies().Select(a => a.Name!).ToArray();
        Assert.DoesNotContain(names, n => n.StartsWith("Azure", StringComparison.Ordinal));
        Assert.DoesNotContain(names, n => n.StartsWith("Microsoft.DurableTask", StringComparison.Ordinal));
        Assert.DoesNotContain(names, n => n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.DoesNotContain(names, n => n.StartsWith("FedAvg.", StringComparison.Ordinal));
    }

    [Fact]
    public void The_rules_see_real_references()
    {
        // Guards the rules above against passing vacuously (an assembly whose references could not be read).
        Assert.Contains(Workflow.GetReferencedAssemblies(), a => a.Name == "FedAvg.Learning");
        Assert.Contains(Web.GetReferencedAssemblies(), a => a.Name == "FedAvg.Workflow");
        Assert.Contains(Learning.GetReferencedAssemblies(), a => a.Name == "TorchSharp");
    }
}
