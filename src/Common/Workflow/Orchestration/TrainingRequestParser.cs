using System.Text.Json;

namespace FedAvg.Common.Orchestration;

/// <summary>
/// Reads a training request from JSON strictly, field by field from <see cref="TrainingRequestFields"/>:
/// unknown fields, wrong types and out-of-range values are reported per field instead of being
/// ignored or defaulted. The fields present go over the preset named (else <see cref="Presets.Default"/>).
/// </summary>
public static class TrainingRequestParser
{
    /// <summary>Every JSON member a request may have: <c>preset</c> and the fields.</summary>
    public static IReadOnlyCollection<string> FieldNames { get; } = [Presets.FieldName, .. TrainingRequestFields.All.Select(f => f.Name)];

    /// <summary>Parses and validates; returns null with <paramref name="errors"/> filled when anything is wrong.</summary>
    public static TrainingRequest? Parse(ReadOnlySpan<byte> json, out RequestErrors errors)
    {
        errors = new RequestErrors();
        if (json.IsEmpty || json.Trim((byte)' ').IsEmpty)
        {
            return Validated(Presets.Default.Request, errors);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray());
        }
        catch (JsonException e)
        {
            errors.Add("body", $"is not valid JSON: {e.Message}");
            return null;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                errors.Add("body", "must be a JSON object");
                return null;
            }

            // A field of the wrong type is left out, so the rest is still checked: every problem at once.
            var values = Read(document.RootElement, errors);
            return values is null ? null : Validated(values.Build(), errors);
        }
    }

    private static RequestValues? Read(JsonElement root, RequestErrors errors)
    {
        var values = new RequestValues();
        foreach (var property in root.EnumerateObject())
        {
            if (string.Equals(property.Name, Presets.FieldName, StringComparison.OrdinalIgnoreCase))
            {
                if (property.Value.ValueKind != JsonValueKind.String || !Presets.All.TryGetValue(property.Value.GetString()!, out var preset))
                {
                    errors.Add(Presets.FieldName, $"must be one of: {string.Join(", ", Presets.All.Keys)}");
                    return null;
                }

                values.Preset = preset;
                continue;
            }

            if (TrainingRequestFields.Find(property.Name) is not { } field)
            {
                errors.Add(property.Name, "is not a known field");
                continue;
            }

            try
            {
                values.Give(field, field.ReadJson(property.Value));
            }
            catch (FormatException e)
            {
                errors.Add(field.Name, e.Message);
            }
        }

        return values;
    }

    private static TrainingRequest? Validated(TrainingRequest request, RequestErrors errors) =>
        TrainingRequestValidator.Validate(request, errors).Any ? null : request;
}
