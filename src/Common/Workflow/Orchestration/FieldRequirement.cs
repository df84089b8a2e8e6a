namespace FedAvg.Common.Orchestration;

/// <summary>
/// A value of one request field that is valid only beside certain values of another (privacy dp-fedavg needs a model
/// without buffers). Declared once on the field (<see cref="RequestField.Requires"/>): the validator refuses a request
/// that breaks it, naming the declaring field, and the schema publishes it (<c>x-requires</c>), so a form or a test
/// that sets the field can set its companion too.
/// </summary>
/// <param name="When">The declaring field's value that needs the companion; null for any value, an optional field being set.</param>
/// <param name="Field">The companion: a text field.</param>
/// <param name="Values">What the companion must be, the first being the one to suggest.</param>
/// <param name="Reason">Why, for the error.</param>
public sealed record FieldRequirement(string? When, RequestField Field, IReadOnlyList<string> Values, string Reason)
{
    /// <summary>Whether the declaring field's <paramref name="value"/> needs the companion.</summary>
    public bool AppliesTo(object? value) => When is null ? value is not null : value is string text && text == When;

    public bool IsMetBy(TrainingRequest request) => Field.ValueIn(request) is string value && Values.Contains(value, StringComparer.Ordinal);

    /// <summary>The error's message, after the declaring field's name.</summary>
    public string Problem(TrainingRequest request) =>
        $"{(When is null ? string.Empty : When + " ")}needs {Field.Name} {string.Join(" or ", Values)}, not {RequestField.Format(Field.ValueIn(request))}: {Reason}";
}
