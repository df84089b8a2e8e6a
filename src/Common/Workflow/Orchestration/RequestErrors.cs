namespace FedAvg.Common.Orchestration;

/// <summary>
/// Problems with a request, each naming the fields at fault (camelCase, as sent). A problem may
/// name several fields when changing any of them fixes it (a partition that cannot be drawn).
/// </summary>
public sealed class RequestErrors
{
    private readonly List<(IReadOnlyList<string> Fields, string Message)> _problems = [];

    public bool Any => _problems.Count > 0;

    /// <summary>Every field named by some problem, in the order first named.</summary>
    public IReadOnlyList<string> Fields => [.. _problems.SelectMany(p => p.Fields).Distinct(StringComparer.Ordinal)];

    public void Add(string field, string message) => _problems.Add(([field], message));

    public void Add(IReadOnlyList<string> fields, string message)
    {
        ArgumentNullException.ThrowIfNull(fields);
        _problems.Add((fields, message));
    }

    /// <summary>Field to messages, as RFC 9457 validation problems carry them under <c>errors</c>.</summary>
    public IDictionary<string, string[]> ToDictionary() =>
        _problems
            .SelectMany(p => p.Fields.Select(field => (field, p.Message)))
            .GroupBy(e => e.field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);

    /// <summary>One readable line: "rounds must be between 1 and 1000; clients, alpha and trainLimit: ...".</summary>
    public override string ToString() => Describe(field => field);

    /// <summary>
    /// One readable line naming each field as <paramref name="name"/> spells it (the CLI's option
    /// names); with <paramref name="first"/>, only the first problem.
    /// </summary>
    public string Describe(Func<string, string> name, bool first = false)
    {
        ArgumentNullException.ThrowIfNull(name);
        return string.Join("; ", _problems.Take(first ? 1 : _problems.Count).Select(p => p.Fields.Count == 1
            ? $"{name(p.Fields[0])} {p.Message}"
            : $"{Join(p.Fields.Select(name).ToList())}: {p.Message}"));
    }

    private static string Join(List<string> names) =>
        names.Count == 1 ? names[0] : $"{string.Join(", ", names.Take(names.Count - 1))} and {names[^1]}";
}
