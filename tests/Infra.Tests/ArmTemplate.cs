using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace FedAvg.Infra.Tests;

/// <summary>
/// A compiled ARM template (JSON) with the few look-ups the rules need: resources by type (in either
/// the array form or the symbolic-name object form, nested inline deployments included), literal
/// variables and parameter defaults substituted into expressions.
/// </summary>
internal sealed partial class ArmTemplate
{
    public ArmTemplate(JsonObject root) => Root = root;

    public JsonObject Root { get; }

    public static ArmTemplate Load(string path)
        => new(JsonNode.Parse(File.ReadAllText(path)) as JsonObject
               ?? throw new InvalidDataException($"{path} is not a JSON object"));

    public ArmTemplate Clone() => new((JsonObject)Root.DeepClone());

    public string ToJson() => Root.ToJsonString();

    public IEnumerable<JsonObject> Resources => ResourcesOf(Root);

    public IReadOnlyList<JsonObject> OfType(string type)
        => Resources.Where(r => string.Equals(Str(r["type"]), type, StringComparison.OrdinalIgnoreCase)).ToList();

    /// <summary>The one resource of a type; throws if there are none or several.</summary>
    public JsonObject Single(string type)
    {
        var found = OfType(type);
        return found.Count == 1
            ? found[0]
            : throw new InvalidOperationException($"expected one {type}, found {found.Count}");
    }

    /// <summary>
    /// The expression with <c>variables('x')</c> replaced by <c>'value'</c> wherever variable x is a
    /// plain string, so names built from literal variables can be read.
    /// </summary>
    public string Resolve(string? expression)
    {
        if (expression is null)
        {
            return "";
        }
        var variables = Root["variables"] as JsonObject;
        return VariableReference().Replace(expression, m =>
            variables?[m.Groups[1].Value] is JsonValue v && v.TryGetValue(out string? s) && !s.StartsWith('[')
                ? $"'{s}'"
                : m.Value);
    }

    /// <summary>
    /// The last segment of a resource name: "acct/default/data" gives "data", and so does
    /// "[format('{0}/{1}/{2}', variables('acct'), 'default', 'data')]".
    /// </summary>
    public string LastNameSegment(JsonObject resource)
    {
        var name = Resolve(Str(resource["name"]));
        if (!name.StartsWith('['))
        {
            return name[(name.LastIndexOf('/') + 1)..];
        }
        var last = TrailingLiteral().Match(name);
        return last.Success ? last.Groups[1].Value : name;
    }

    /// <summary>The last string literal of an expression, e.g. the container in a URL format().</summary>
    public static string? TrailingLiteralOf(string expression)
    {
        var last = TrailingLiteral().Match(expression);
        return last.Success ? last.Groups[1].Value : null;
    }

    /// <summary>A property value: a literal, or the default of the parameter it names.</summary>
    public JsonNode? Effective(JsonNode? value)
    {
        if (value is JsonValue v && v.TryGetValue(out string? s))
        {
            var parameter = ParameterReference().Match(s);
            if (parameter.Success)
            {
                return Root["parameters"]?[parameter.Groups[1].Value]?["defaultValue"];
            }
        }
        return value;
    }

    public static string? Str(JsonNode? node)
        => node is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    public static bool IsTrue(JsonNode? node) => node is JsonValue v && v.TryGetValue(out bool b) && b;

    public static bool IsFalse(JsonNode? node) => node is JsonValue v && v.TryGetValue(out bool b) && !b;

    public static int? Int(JsonNode? node)
        => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.GetValue<int>() : null;

    private static IEnumerable<JsonObject> ResourcesOf(JsonObject template)
    {
        IEnumerable<JsonNode?> list = template["resources"] switch
        {
            JsonArray array => array,
            JsonObject symbolic => symbolic.Select(p => p.Value),
            _ => [],
        };
        foreach (var resource in list.OfType<JsonObject>())
        {
            yield return resource;
            if (resource["properties"]?["template"] is JsonObject nested)
            {
                foreach (var inner in ResourcesOf(nested))
                {
                    yield return inner;
                }
            }
        }
    }

    [GeneratedRegex(@"variables\('([^']+)'\)")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"^\[parameters\('([^']+)'\)\]$")]
    private static partial Regex ParameterReference();

    [GeneratedRegex(@"'([^']*)'\s*\)\]$")]
    private static partial Regex TrailingLiteral();
}
