using System.Globalization;

namespace FedAvg.LocalHost.Cli;

/// <summary>
/// One command's arguments: <c>--name value</c>, <c>--name=value</c>, bare switches and flags that
/// may be given more than once (<c>--stop A --stop B</c>), checked
/// against the names the command knows. Every problem is a <see cref="UsageException"/> naming the flag.
/// </summary>
internal sealed class ArgumentReader
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _repeated = new(StringComparer.Ordinal);
    private readonly List<string> _positionals = [];

    private ArgumentReader()
    {
    }

    public IReadOnlyList<string> Positionals => _positionals;

    /// <param name="command">For messages.</param>
    /// <param name="args">The arguments after the command name.</param>
    /// <param name="switches">Flags that take no value (<c>--json</c>).</param>
    /// <param name="valued">Flags that take one value (<c>--rounds 10</c>).</param>
    /// <param name="maxPositionals">Bare arguments the command accepts (an image path).</param>
    /// <param name="repeatable">Flags that take one value each time and may be given again (<c>--stop ID</c>).</param>
    public static ArgumentReader Parse(
        string command,
        IReadOnlyList<string> args,
        IReadOnlyCollection<string> switches,
        IReadOnlyCollection<string> valued,
        int maxPositionals = 0,
        IReadOnlyCollection<string>? repeatable = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var reader = new ArgumentReader();
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg == "--")
            {
                if (arg.StartsWith('-') && arg.Length > 1 && arg != "--")
                {
                    throw new UsageException($"unknown option {arg} for '{command}' (see fedavg {command} --help)");
                }

                if (reader._positionals.Count >= maxPositionals)
                {
                    throw new UsageException($"unexpected argument '{arg}' for '{command}' (see fedavg {command} --help)");
                }

                reader._positionals.Add(arg);
                continue;
            }

            int equals = arg.IndexOf('=', StringComparison.Ordinal);
            string name = equals < 0 ? arg : arg[..equals];
            string? value = equals < 0 ? null : arg[(equals + 1)..];
            if (repeatable?.Contains(name) == true)
            {
                value ??= NextValue(args, ref i, name);
                if (string.IsNullOrWhiteSpace(value))
                {
                    throw new UsageException($"{name} needs a value");
                }

                if (!reader._repeated.TryGetValue(name, out List<string>? values))
                {
                    reader._repeated[name] = values = [];
                }

                values.Add(value);
                continue;
            }

            if (reader._options.ContainsKey(name))
            {
                throw new UsageException($"{name} is given twice");
            }

            if (switches.Contains(name))
            {
                if (value is not null)
                {
                    throw new UsageException($"{name} takes no value");
                }

                reader._options[name] = null;
            }
            else if (valued.Contains(name))
            {
                reader._options[name] = value ?? NextValue(args, ref i, name);
            }
            else
            {
                throw new UsageException($"unknown option {name} for '{command}' (see fedavg {command} --help)");
            }
        }

        return reader;
    }

    public bool Has(string flag) => _options.ContainsKey(flag) || _repeated.ContainsKey(flag);

    /// <summary>Every value of a repeatable flag, in the order given.</summary>
    public IReadOnlyList<string> All(string flag) => _repeated.TryGetValue(flag, out List<string>? values) ? values : [];

    public string? String(string flag)
    {
        if (!_options.TryGetValue(flag, out string? value) || value is null)
        {
            return null;
        }

        return string.IsNullOrWhiteSpace(value) ? throw new UsageException($"{flag} needs a value") : value;
    }

    public int? Int(string flag, int min = int.MinValue, int max = int.MaxValue)
    {
        if (String(flag) is not { } text)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
        {
            throw new UsageException($"{flag} must be a whole number, not '{text}'");
        }

        return value < min || value > max ? throw new UsageException($"{flag} must be between {min} and {max}") : value;
    }

    public double? Double(string flag)
    {
        if (String(flag) is not { } text)
        {
            return null;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value)
            ? value
            : throw new UsageException($"{flag} must be a number, not '{text}'");
    }

    // The argument after a flag is its value, unless it is another flag.
    private static string NextValue(IReadOnlyList<string> args, ref int i, string name)
    {
        if (i + 1 >= args.Count || (args[i + 1].StartsWith("--", StringComparison.Ordinal) && args[i + 1].Length > 2))
        {
            throw new UsageException($"{name} needs a value");
        }

        return args[++i];
    }
}
