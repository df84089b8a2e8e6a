using System.Reflection;

namespace FedAvg.Architecture.Tests;

/// <summary>
/// Which assemblies one of ours may reference, by name prefix. An allow-list rather than a deny-list, so
/// that a new dependency is a decision someone makes here, not something that slips in.
/// </summary>
internal sealed record DependencyRule(Assembly Assembly, params string[] Allowed)
{
    // Every assembly references the runtime; these are not dependencies in the sense that matters.
    private static readonly string[] Runtime = ["System", "Microsoft.Win32", "netstandard", "mscorlib", "Microsoft.CSharp", "Microsoft.VisualBasic"];

    public IReadOnlyList<string> Violations() =>
        Assembly.GetReferencedAssemblies()
            .Select(reference => reference.Name!)
            .Where(name => !Runtime.Concat(Allowed).Any(prefix => Matches(name, prefix)))
            .Order(StringComparer.Ordinal)
            .ToArray();

    private static bool Matches(string name, string prefix) =>
        name == prefix || name.StartsWith(prefix + ".", StringComparison.Ordinal);

    public override string ToString() => Assembly.GetName().Name!;
}
