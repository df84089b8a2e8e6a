namespace FedAvg.Common.Orchestration;

/// <summary>
/// The request fields a user gave explicitly (JSON properties present, CLI options typed), and the
/// preset they go over. Applying them over a preset's request lets every given value win, whatever
/// the preset sets.
/// </summary>
public sealed class RequestValues
{
    private readonly Dictionary<RequestField, object?> _given = [];

    /// <summary>The preset named (case-insensitive); <see cref="Presets.Default"/> when none was.</summary>
    public Preset Preset { get; set; } = Presets.Default;

    public IReadOnlyCollection<RequestField> Given => _given.Keys;

    public bool IsGiven(RequestField field) => _given.ContainsKey(field);

    public void Give(RequestField field, object? value)
    {
        ArgumentNullException.ThrowIfNull(field);
        _given[field] = value;
    }

    /// <summary>The preset's request with every given value over it.</summary>
    public TrainingRequest Build() => ApplyTo(Preset.Request);

    /// <summary>
    /// <paramref name="start"/> with every given value over it. A given field that clears another
    /// (<see cref="RequestField.Clears"/>) resets that one to its unset value unless it was given as well.
    /// </summary>
    public TrainingRequest ApplyTo(TrainingRequest start)
    {
        ArgumentNullException.ThrowIfNull(start);
        var request = start;
        foreach (var field in _given.Keys)
        {
            if (field.Clears is { } cleared && !IsGiven(cleared))
            {
                request = cleared.WithValue(request, cleared.ValueIn(new TrainingRequest()));
            }
        }

        foreach (var (field, value) in _given)
        {
            request = field.WithValue(request, value);
        }

        return request;
    }
}
