using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace FedAvg.LocalHost.Cli;

/// <summary>
/// A command line System.CommandLine could not parse, as one line: its first error, with its own
/// typo suggestions for a mistyped option (<c>--round</c>: did you mean --rounds?).
/// </summary>
internal static class ParseErrorLine
{
    public static string Describe(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ParseError first = parse.Errors[0];
        string command = string.Join(' ', CommandPath(parse.CommandResult));
        if (parse.UnmatchedTokens.Count == 0)
        {
            return Flatten(first.Message);
        }

        string token = parse.UnmatchedTokens[0];
        if (parse.CommandResult.Command is RootCommand)
        {
            var commands = parse.RootCommandResult.Command.Subcommands.Select(c => c.Name);
            return $"unknown command '{token}' (commands: {string.Join(", ", commands)})";
        }

        if (!token.StartsWith('-'))
        {
            return $"unexpected argument '{token}' for '{command}' (see fedavg {command} --help)";
        }

        string suggestion = Suggestions(parse) is { Count: > 0 } names ? $"; did you mean {string.Join(" or ", names)}?" : string.Empty;
        return $"unknown option {token} for '{command}'{suggestion} (see fedavg {command} --help)";
    }

    // The library's own suggestions (what its parse error action prints), read back from its output.
    private static List<string> Suggestions(ParseResult parse)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var configuration = parse.InvocationConfiguration;
        TextWriter shownOutput = configuration.Output, shownError = configuration.Error;
        configuration.Output = output;
        configuration.Error = error;
        try
        {
            new ParseErrorAction { ShowHelp = false, ShowTypoCorrections = true }.Invoke(parse);
        }
        finally
        {
            configuration.Output = shownOutput;
            configuration.Error = shownError;
        }

        return [.. output.ToString().Split('\n')
            .Select(line => line.Trim())
            .SkipWhile(line => !line.EndsWith('?'))
            .Skip(1)
            .TakeWhile(line => line.Length > 0)
            .Distinct(StringComparer.Ordinal)];
    }

    private static Stack<string> CommandPath(CommandResult result)
    {
        var names = new Stack<string>();
        for (SymbolResult? at = result; at is CommandResult { Command: not RootCommand } command; at = at.Parent)
        {
            names.Push(command.Command.Name);
        }

        return names;
    }

    private static string Flatten(string message) =>
        string.Join(' ', message.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
