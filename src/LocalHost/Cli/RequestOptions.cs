using System.CommandLine;
using System.CommandLine.Completions;
using System.CommandLine.Parsing;
using FedAvg.Common.Orchestration;

namespace FedAvg.LocalHost.Cli;

/// <summary>
/// Command-line options made from training request fields (<see cref="TrainingRequestFields"/>): the
/// name, aliases, help, allowed values and completions come from the field, so every field is an
/// option of <c>fedavg train</c> without being written out here. Reads back only what the user typed,
/// so those values go over the preset and a problem is reported under the spelling the user used.
/// </summary>
internal sealed class RequestOptions
{
    private readonly List<(RequestField Field, Option Option, Func<ParseResult, object?> Read)> _options = [];

    private RequestOptions(IEnumerable<RequestField> fields)
    {
        foreach (var field in fields)
        {
            _options.Add(field.Kind switch
            {
                RequestFieldKind.WholeNumber => Make<int>(field),
                RequestFieldKind.Number => Make<double>(field),
                RequestFieldKind.Flag => Make<bool>(field),
                _ => Make<string>(field),
            });
        }
    }

    /// <summary><c>--preset NAME</c>: what the other options go over.</summary>
    public Option<string> Preset { get; } = PresetOption();

    /// <summary>Every request field as an option, plus <c>--preset</c> (<c>fedavg train</c>).</summary>
    public static RequestOptions All() => new(TrainingRequestFields.All);

    /// <summary>Some fields only, over the default preset (<c>partition</c>, <c>bench</c>).</summary>
    public static RequestOptions Only(params RequestField[] fields) => new(fields);

    public IEnumerable<Option> Options => _options.Select(o => o.Option);

    /// <summary>Adds the field options (and, with <paramref name="preset"/>, <c>--preset</c>) to <paramref name="command"/>.</summary>
    public void AddTo(Command command, bool preset)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (preset)
        {
            command.Options.Add(Preset);
        }

        foreach (var option in Options)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The fields the user gave on the command line, over the preset they named.</summary>
    public RequestValues Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var values = new RequestValues();
        if (Given(parse, Preset) && parse.GetValue(Preset) is { } name)
        {
            values.Preset = Presets.All[name];
        }

        foreach (var (field, option, read) in _options.Where(o => Given(parse, o.Option)))
        {
            values.Give(field, read(parse));
        }

        return values;
    }

    /// <summary>The first option the user typed that sets a request (the preset included), or null.</summary>
    public string? FirstGiven(ParseResult parse) =>
        _options.Select(o => o.Option).Prepend(Preset).Where(o => Given(parse, o)).Select(o => Typed(parse, o)).FirstOrDefault();

    /// <summary>
    /// Throws a <see cref="UsageException"/> for the first problem of <paramref name="errors"/>, naming
    /// each field by its option as the user typed it (<c>--lr</c>), or by its name when not typed.
    /// </summary>
    public void ThrowIfAny(ParseResult parse, RequestErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Any)
        {
            throw new UsageException(errors.Describe(NamesAsTyped(parse), first: true));
        }
    }

    /// <summary>A field's option as the user typed it in <paramref name="parse"/>, else its own name.</summary>
    public Func<string, string> NamesAsTyped(ParseResult parse) => field => NameOf(parse, field);

    private string NameOf(ParseResult parse, string fieldName)
    {
        var match = _options.FirstOrDefault(o => o.Field.Name == fieldName);
        return match.Option is { } option && Given(parse, option)
            ? Typed(parse, option)
            : TrainingRequestFields.Find(fieldName)?.CliName ?? fieldName;
    }

    private static bool Given(ParseResult parse, Option option) => parse.GetResult(option) is { Implicit: false };

    private static string Typed(ParseResult parse, Option option) => parse.GetResult(option)?.IdentifierToken?.Value ?? option.Name;

    private static (RequestField, Option, Func<ParseResult, object?>) Make<T>(RequestField field)
    {
        var option = new Option<T>(field.CliName, [.. field.CliAliases])
        {
            Description = Help(field),
            HelpName = field.Kind switch
            {
                RequestFieldKind.WholeNumber => "N",
                RequestFieldKind.Number => "X",
                RequestFieldKind.Flag => null,
                _ when field.Allowed.Count > 0 => string.Join('|', field.Allowed),
                _ => "TEXT",
            },
            CustomParser = result => Parse<T>(field, result),
        };
        if (field.Kind == RequestFieldKind.Flag)
        {
            // A bare --augment means true; --augment false turns off what a preset turns on.
            option.Arity = ArgumentArity.ZeroOrOne;
        }

        if (field.Allowed.Count > 0)
        {
            option.CompletionSources.Add(_ => field.Allowed.Select(value => new CompletionItem(value)));
        }

        return (field, option, parse => parse.GetValue(option));
    }

    private static T? Parse<T>(RequestField field, ArgumentResult result)
    {
        if (result.Tokens.Count == 0)
        {
            return field.Kind == RequestFieldKind.Flag ? (T)(object)true : default;
        }

        string text = result.Tokens[0].Value;
        if (field.TryParse(text, out object? value, out string? error))
        {
            return (T)value!;
        }

        string name = (result.Parent as OptionResult)?.IdentifierToken?.Value ?? field.CliName;
        result.AddError($"{name} {error}");
        return default;
    }

    // "client SGD learning rate (default 0.03)", with the presets that differ: "(default 4; reference 7)".
    private static string Help(RequestField field)
    {
        object? shown = field.ValueIn(Presets.Default.Request);
        var others = Presets.All.Values
            .Where(p => p != Presets.Default && !Equals(field.ValueIn(p.Request), shown))
            .Select(p => $"; {p.Name} {RequestField.Format(field.ValueIn(p.Request))}");
        return shown is null && !others.Any()
            ? field.Description
            : $"{field.Description} (default {RequestField.Format(shown)}{string.Concat(others)})";
    }

    private static Option<string> PresetOption()
    {
        var option = new Option<string>("--" + Presets.FieldName)
        {
            Description = "what the other options go over: " + string.Join("; ", Presets.All.Values.Select(p =>
                $"{p.Name}{(p == Presets.Default ? " (default)" : string.Empty)}: {p.Summary}")),
            HelpName = string.Join('|', Presets.All.Keys),
        };
        option.CompletionSources.Add(_ => Presets.All.Keys.Select(name => new CompletionItem(name)));
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && !Presets.All.ContainsKey(result.Tokens[0].Value))
            {
                result.AddError($"{result.IdentifierToken?.Value ?? option.Name} must be one of: {string.Join(", ", Presets.All.Keys)}");
            }
        });
        return option;
    }
}
