using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace FedAvg.Notebooks;

/// <summary>
/// What one cell showed, as a notebook front end keeps it: streamed text joined per stream, displayed
/// values (an update replaces the value it updates, as a live chart does), the return value and the error.
/// </summary>
internal sealed class CellOutputs
{
    private const string Stdout = "stdout";
    private const string Stderr = "stderr";

    private readonly List<InteractiveDocumentOutputElement> _outputs = [];
    private readonly Dictionary<string, int> _displayed = new(StringComparer.Ordinal);

    public IReadOnlyList<InteractiveDocumentOutputElement> Outputs => _outputs;

    /// <summary>The failure's message, when the cell failed.</summary>
    public string? Error { get; private set; }

    /// <summary>The failure with its stack trace, for --verbose.</summary>
    public string? ErrorDetails { get; private set; }

    public void Add(KernelEvent kernelEvent, int executionOrder)
    {
        switch (kernelEvent)
        {
            case StandardOutputValueProduced text:
                AddText(Stdout, text.FormattedValues);
                break;
            case StandardErrorValueProduced text:
                AddText(Stderr, text.FormattedValues);
                break;
            case DisplayedValueUpdated update when update.ValueId is not null && _displayed.TryGetValue(update.ValueId, out int at):
                _outputs[at] = new DisplayElement(Data(update.FormattedValues));
                break;
            case DisplayedValueProduced or DisplayedValueUpdated:
                var display = (DisplayEvent)kernelEvent;
                if (display.ValueId is not null)
                {
                    _displayed[display.ValueId] = _outputs.Count;
                }

                _outputs.Add(new DisplayElement(Data(display.FormattedValues)));
                break;
            case ReturnValueProduced returned:
                var result = new ReturnValueElement { ExecutionOrder = executionOrder };
                foreach (var (mimeType, value) in Data(returned.FormattedValues))
                {
                    result.Data[mimeType] = value;
                }

                _outputs.Add(result);
                break;
            case CommandFailed failed:
                Error = failed.Exception?.Message ?? failed.Message;
                ErrorDetails = failed.Exception?.ToString() ?? failed.Message;
                _outputs.Add(new ErrorElement(Error, failed.Exception?.GetType().Name ?? "Error", Lines(ErrorDetails)));
                break;
        }
    }

    private void AddText(string stream, IReadOnlyCollection<FormattedValue> values)
    {
        string text = string.Concat(values.Where(v => v.MimeType == PlainTextFormatter.MimeType).Select(v => v.Value));
        if (_outputs.Count > 0 && _outputs[^1] is TextElement last && last.Name == stream)
        {
            _outputs[^1] = new TextElement(last.Text + text, stream);
        }
        else
        {
            _outputs.Add(new TextElement(text, stream));
        }
    }

    private static Dictionary<string, object> Data(IEnumerable<FormattedValue> values) =>
        values.Where(v => !v.SuppressDisplay).ToDictionary(v => v.MimeType, v => (object)v.Value, StringComparer.Ordinal);

    private static string[] Lines(string text) => text.Split('\n');
}
