using System.Text.Json.Nodes;

namespace FedAvg.Common.Orchestration;

/// <summary>
/// The JSON Schema of a training request, derived from <see cref="TrainingRequestFields"/> and
/// <see cref="Presets"/>: what <c>GET /api/train/schema</c> answers and what the OpenAPI document
/// shows for <c>POST /api/train</c>. A form can be generated from it: per field its type, default
/// (what an empty request gets), range or allowed values, description and CLI option (<c>x-cli</c>),
/// values that need another field's (<c>x-requires</c>: privacy dp-fedavg needs a model without buffers), and every
/// preset's values (<c>x-presets</c>).
/// </summary>
public static class TrainingRequestSchema
{
    public static JsonObject Create()
    {
        var properties = new JsonObject
        {
            [Presets.FieldName] = new JsonObject
            {
                ["type"] = "string",
                ["default"] = Presets.Default.Name,
                ["enum"] = new JsonArray([.. Presets.All.Keys.Select(name => JsonValue.Create(name))]),
                ["description"] = "the preset the other fields go over: " + string.Join("; ", Presets.All.Values.Select(p => $"{p.Name}: {p.Summary}")),
                ["x-cli"] = "--" + Presets.FieldName,
            },
        };
        foreach (var field in TrainingRequestFields.All)
        {
            properties[field.Name] = Property(field);
        }

        var presets = new JsonObject();
        foreach (var preset in Presets.All.Values)
        {
            presets[preset.Name] = Values(preset.Request);
        }

        return new JsonObject
        {
            ["title"] = nameof(TrainingRequest),
            ["description"] = "A federated training run. Every field is optional: those left out take the preset's value, so a value given always wins.",
            ["type"] = "object",
            ["additionalProperties"] = false,
            ["properties"] = properties,
            ["x-presets"] = presets,
            ["x-default-preset"] = Presets.Default.Name,
        };
    }

    /// <summary>Every field's value in <paramref name="request"/>, by JSON name (null: unset).</summary>
    public static JsonObject Values(TrainingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var values = new JsonObject();
        foreach (var field in TrainingRequestFields.All)
        {
            values[field.Name] = Json(field.ValueIn(request));
        }

        return values;
    }

    private static JsonObject Property(RequestField field)
    {
        var property = new JsonObject
        {
            ["type"] = field.Kind switch
            {
                RequestFieldKind.WholeNumber => "integer",
                RequestFieldKind.Number => "number",
                RequestFieldKind.Flag => "boolean",
                _ => "string",
            },
        };
        if (field.ValueIn(Presets.Default.Request) is { } value)
        {
            property["default"] = Json(value);
        }
        else
        {
            // Unset is a value of its own (see the description); JSON null sends it explicitly.
            property["nullable"] = true;
        }

        if (field.Minimum is double minimum)
        {
            property["minimum"] = Json(field.Kind == RequestFieldKind.WholeNumber ? (int)minimum : minimum);
            if (field.ExclusiveMinimum)
            {
                property["exclusiveMinimum"] = minimum;
            }
        }

        if (field.Maximum is double maximum)
        {
            property["maximum"] = Json(field.Kind == RequestFieldKind.WholeNumber ? (int)maximum : maximum);
            if (field.ExclusiveMaximum)
            {
                property["exclusiveMaximum"] = maximum;
            }
        }

        if (field.Allowed.Count > 0)
        {
            property["enum"] = new JsonArray([.. field.Allowed.Select(a => JsonValue.Create(a))]);
        }

        property["description"] = field.Description;
        property["x-cli"] = field.CliName;
        if (field.CliAliases.Count > 0)
        {
            property["x-cli-aliases"] = new JsonArray([.. field.CliAliases.Select(a => JsonValue.Create(a))]);
        }

        if (field.Requires.Count > 0)
        {
            property["x-requires"] = new JsonArray([.. field.Requires.Select(Requirement)]);
        }

        return property;
    }

    private static JsonNode Requirement(FieldRequirement requirement)
    {
        var node = new JsonObject();
        if (requirement.When is { } when)
        {
            node["when"] = when;
        }

        node["field"] = requirement.Field.Name;
        node["values"] = new JsonArray([.. requirement.Values.Select(v => JsonValue.Create(v))]);
        node["reason"] = requirement.Reason;
        return node;
    }

    private static JsonValue? Json(object? value) => value switch
    {
        null => null,
        int whole => JsonValue.Create(whole),
        double real => JsonValue.Create(real),
        bool flag => JsonValue.Create(flag),
        string text => JsonValue.Create(text),
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "Not a request field value."),
    };
}
