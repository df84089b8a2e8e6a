using System.Text.Json;

namespace FedAvg.Common.Orchestration;

/// <summary>
/// Reads a training request from JSON strictly: unknown fields, wrong types and out-of-range values
/// are reported per field instead of being ignored or defaulted.
/// </summary>
public static class TrainingRequestParser
{
    private delegate TrainingRequest Apply(TrainingRequest request, JsonElement value);

    private static readonly Dictionary<string, Apply> Fields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["rounds"] = (r, v) => r with { Rounds = Int(v) },
        ["clients"] = (r, v) => r with { Clients = Int(v) },
        ["partition"] = (r, v) => r with { Partition = Text(v) },
        ["alpha"] = (r, v) => r with { Alpha = Number(v) },
        ["clientsPerRound"] = (r, v) => r with { ClientsPerRound = v.ValueKind == JsonValueKind.Null ? null : Int(v) },
        ["fraction"] = (r, v) => r with { Fraction = Number(v) },
        ["minClientsPerRound"] = (r, v) => r with { MinClientsPerRound = Int(v) },
        ["localEpochs"] = (r, v) => r with { LocalEpochs = Int(v) },
        ["batchSize"] = (r, v) => r with { BatchSize = Int(v) },
        ["learningRate"] = (r, v) => r with { LearningRate = Number(v) },
        ["learningRateSchedule"] = (r, v) => r with { LearningRateSchedule = Text(v) },
        ["momentum"] = (r, v) => r with { Momentum = Number(v) },
        ["weightDecay"] = (r, v) => r with { WeightDecay = Number(v) },
        ["augmentation"] = (r, v) => r with { Augmentation = Bool(v) },
        ["model"] = (r, v) => r with { Model = Text(v) },
        ["seed"] = (r, v) => r with { Seed = Int(v) },
        ["serverLearningRate"] = (r, v) => r with { ServerLearningRate = Number(v) },
        ["serverMomentum"] = (r, v) => r with { ServerMomentum = Number(v) },
        ["trainLimit"] = (r, v) => r with { TrainLimit = v.ValueKind == JsonValueKind.Null ? null : Int(v) },
        ["testLimit"] = (r, v) => r with { TestLimit = v.ValueKind == JsonValueKind.Null ? null : Int(v) },
    };

    public static IReadOnlyCollection<string> FieldNames => Fields.Keys;

    /// <summary>Parses and validates; returns null with <paramref name="errors"/> filled when anything is wrong.</summary>
    public static TrainingRequest? Parse(ReadOnlySpan<byte> json, out RequestErrors errors)
    {
        errors = new RequestErrors();
        if (json.IsEmpty || json.Trim((byte)' ').IsEmpty)
        {
            return Validated(Presets.Reference, errors);
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

            return Parse(document.RootElement, errors);
        }
    }

    private static TrainingRequest? Parse(JsonElement root, RequestErrors errors)
    {
        var request = Presets.Reference;
        if (root.TryGetProperty("preset", out var preset))
        {
            if (preset.ValueKind != JsonValueKind.String || !Presets.All.TryGetValue(preset.GetString()!, out var chosen))
            {
                errors.Add("preset", $"must be one of: {string.Join(", ", Presets.All.Keys)}");
                return null;
            }

            request = chosen;
        }

        foreach (var property in root.EnumerateObject())
        {
            if (property.NameEquals("preset"))
            {
                continue;
            }

            if (!Fields.TryGetValue(property.Name, out var apply))
            {
                errors.Add(property.Name, "is not a known field");
                continue;
            }

            try
            {
                request = apply(request, property.Value);
            }
            catch (FormatException e)
            {
                errors.Add(property.Name, e.Message);
            }
        }

        return Validated(request, errors);
    }

    private static TrainingRequest? Validated(TrainingRequest request, RequestErrors errors) =>
        TrainingRequestValidator.Validate(request, errors).Any ? null : request;

    private static int Int(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int result)
            ? result
            : throw new FormatException("must be a whole number");

    private static double Number(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number ? value.GetDouble() : throw new FormatException("must be a number");

    private static bool Bool(JsonElement value) =>
        value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : throw new FormatException("must be true or false");

    private static string Text(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new FormatException("must be a string");
}
