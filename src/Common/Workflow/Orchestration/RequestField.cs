using System.Globalization;
using System.Text;
using System.Text.Json;

namespace FedAvg.Common.Orchestration;

/// <summary>
/// One field of a <see cref="TrainingRequest"/>: its JSON name, type, allowed range or values, help
/// text and how to read and write it on the record. The JSON parser, the validator, the CLI options,
/// the help and the JSON Schema are all derived from <see cref="TrainingRequestFields.All"/>, so a
/// field added there appears everywhere. Values travel boxed: int, double, string, bool, or null
/// for an optional field left unset.
/// </summary>
public sealed record RequestField
{
    private readonly Func<TrainingRequest, object?> _get;
    private readonly Func<TrainingRequest, object?, TrainingRequest> _set;

    private RequestField(string name, RequestFieldKind kind, string description, Func<TrainingRequest, object?> get, Func<TrainingRequest, object?, TrainingRequest> set)
    {
        Name = name;
        Kind = kind;
        Description = description;
        CliName = "--" + Kebab(name);
        _get = get;
        _set = set;
    }

    /// <summary>The JSON property (camelCase), which is also the key its errors are reported under.</summary>
    public string Name { get; }

    public RequestFieldKind Kind { get; }

    /// <summary>One line of help: what the field does, for the CLI help, the schema and the docs.</summary>
    public string Description { get; }

    /// <summary>Null is a value of its own (unset: see <see cref="Description"/>), and the CLI sets it by leaving the option out.</summary>
    public bool Optional { get; private init; }

    public double? Minimum { get; private init; }

    public double? Maximum { get; private init; }

    public bool ExclusiveMinimum { get; private init; }

    public bool ExclusiveMaximum { get; private init; }

    /// <summary>For text fields, the values accepted (empty: any).</summary>
    public IReadOnlyList<string> Allowed { get; private init; } = [];

    /// <summary>The CLI option: the JSON name in kebab case (<c>clientsPerRound</c> is <c>--clients-per-round</c>).</summary>
    public string CliName { get; }

    /// <summary>Older or shorter spellings the CLI also accepts (<c>--lr</c>).</summary>
    public IReadOnlyList<string> CliAliases { get; init; } = [];

    /// <summary>
    /// A field that a value given for this one resets to its unset value, unless that field was
    /// given too: a user's <c>fraction</c> clears a preset's <c>clientsPerRound</c>, which would win otherwise.
    /// </summary>
    public RequestField? Clears { get; init; }

    /// <summary>Values of other fields that some value of this one is valid only beside (<see cref="FieldRequirement"/>).</summary>
    public IReadOnlyList<FieldRequirement> Requires { get; init; } = [];

    public static RequestField WholeNumber(
        string name, string description, Func<TrainingRequest, int> get, Func<TrainingRequest, int, TrainingRequest> set, int minimum, int maximum) =>
        new(name, RequestFieldKind.WholeNumber, description, r => get(r), (r, v) => set(r, (int)v!)) { Minimum = minimum, Maximum = maximum };

    public static RequestField OptionalWholeNumber(
        string name, string description, Func<TrainingRequest, int?> get, Func<TrainingRequest, int?, TrainingRequest> set, int minimum, int maximum) =>
        new(name, RequestFieldKind.WholeNumber, description, r => get(r), (r, v) => set(r, (int?)v)) { Optional = true, Minimum = minimum, Maximum = maximum };

    public static RequestField Number(
        string name,
        string description,
        Func<TrainingRequest, double> get,
        Func<TrainingRequest, double, TrainingRequest> set,
        double minimum,
        double maximum,
        bool exclusiveMinimum = false,
        bool exclusiveMaximum = false) =>
        new(name, RequestFieldKind.Number, description, r => get(r), (r, v) => set(r, (double)v!))
        {
            Minimum = minimum,
            Maximum = maximum,
            ExclusiveMinimum = exclusiveMinimum,
            ExclusiveMaximum = exclusiveMaximum,
        };

    public static RequestField OptionalNumber(
        string name, string description, Func<TrainingRequest, double?> get, Func<TrainingRequest, double?, TrainingRequest> set, double minimum, double maximum, bool exclusiveMinimum = false) =>
        new(name, RequestFieldKind.Number, description, r => get(r), (r, v) => set(r, (double?)v))
        {
            Optional = true,
            Minimum = minimum,
            Maximum = maximum,
            ExclusiveMinimum = exclusiveMinimum,
        };

    public static RequestField Text(
        string name, string description, Func<TrainingRequest, string> get, Func<TrainingRequest, string, TrainingRequest> set, IReadOnlyList<string> allowed) =>
        new(name, RequestFieldKind.Text, description, r => get(r), (r, v) => set(r, (string)v!)) { Allowed = allowed };

    public static RequestField Flag(string name, string description, Func<TrainingRequest, bool> get, Func<TrainingRequest, bool, TrainingRequest> set) =>
        new(name, RequestFieldKind.Flag, description, r => get(r), (r, v) => set(r, (bool)v!));

    /// <summary>This field's value in <paramref name="request"/>.</summary>
    public object? ValueIn(TrainingRequest request) => _get(request);

    /// <summary><paramref name="request"/> with this field set to <paramref name="value"/> (of this field's type).</summary>
    public TrainingRequest WithValue(TrainingRequest request, object? value) => _set(request, value);

    /// <summary>A JSON value of this field's type; a <see cref="FormatException"/> says what was expected.</summary>
    public object? ReadJson(JsonElement value)
    {
        if (Optional && value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return Kind switch
        {
            RequestFieldKind.WholeNumber when value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int whole) => whole,
            RequestFieldKind.Number when value.ValueKind == JsonValueKind.Number => value.GetDouble(),
            RequestFieldKind.Text when value.ValueKind == JsonValueKind.String => value.GetString(),
            RequestFieldKind.Flag when value.ValueKind is JsonValueKind.True or JsonValueKind.False => value.GetBoolean(),
            _ => throw new FormatException(Expected),
        };
    }

    /// <summary>A value typed on a command line; on failure, <paramref name="error"/> says what was expected.</summary>
    public bool TryParse(string text, out object? value, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = Kind switch
        {
            RequestFieldKind.WholeNumber when int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int whole) => whole,
            RequestFieldKind.Number when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double real) && double.IsFinite(real) => real,
            RequestFieldKind.Flag when bool.TryParse(text, out bool flag) => flag,
            RequestFieldKind.Text when text.Length > 0 => text,
            _ => null,
        };
        error = value is null ? $"{Expected}, not '{text}'" : null;
        return value is not null;
    }

    /// <summary>What is wrong with <paramref name="value"/> for this field on its own, or null if nothing is.</summary>
    public string? Problem(object? value) => value switch
    {
        null => Optional ? null : Expected,
        int whole when whole < Minimum || whole > Maximum => $"must be between {Format(Minimum)} and {Format(Maximum)}",
        double real when !InRange(real) => $"must be {(ExclusiveMinimum ? "above" : "at least")} {Format(Minimum)} and {(ExclusiveMaximum ? "below" : "at most")} {Format(Maximum)}",
        string text when Allowed.Count > 0 && !Allowed.Contains(text, StringComparer.Ordinal) => $"must be one of: {string.Join(", ", Allowed)}",
        _ => null,
    };

    /// <summary>A value of this field as it is written in JSON and on a command line (<c>0.5</c>, <c>true</c>, <c>iid</c>).</summary>
    public static string Format(object? value) => value switch
    {
        null => "unset",
        bool flag => flag ? "true" : "false",
        double real => real.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private string Expected => Kind switch
    {
        RequestFieldKind.WholeNumber => "must be a whole number",
        RequestFieldKind.Number => "must be a number",
        RequestFieldKind.Flag => "must be true or false",
        _ => "must be a string",
    };

    // NaN fails every comparison, so it is out of range too.
    private bool InRange(double value) =>
        (ExclusiveMinimum ? value > Minimum : value >= Minimum) && (ExclusiveMaximum ? value < Maximum : value <= Maximum);

    private static string Kebab(string camel)
    {
        var kebab = new StringBuilder(camel.Length + 4);
        foreach (char c in camel)
        {
            if (char.IsUpper(c))
            {
                kebab.Append('-').Append(char.ToLowerInvariant(c));
            }
            else
            {
                kebab.Append(c);
            }
        }

        return kebab.ToString();
    }
}
