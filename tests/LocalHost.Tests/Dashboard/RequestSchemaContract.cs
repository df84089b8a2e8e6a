namespace FedAvg.LocalHost.Tests.Dashboard;

/// <summary>
/// A body in the shape GET /api/train/schema is agreed to answer (JSON Schema of the training request,
/// one property per request field, plus x-cli and x-presets), for the form test until that endpoint
/// is in this branch. The field names are the request's own; POST /api/train still does the judging.
/// </summary>
internal static class RequestSchemaContract
{
    public const string Json = """
        {
          "type": "object",
          "additionalProperties": false,
          "properties": {
            "preset": { "type": "string", "enum": ["reference", "recommended"], "default": "reference", "description": "A named recipe applied under the fields you give", "x-cli": "--preset" },
            "rounds": { "type": "integer", "default": 10, "minimum": 1, "maximum": 1000, "description": "Federated rounds", "x-cli": "--rounds" },
            "clients": { "type": "integer", "default": 5, "minimum": 1, "description": "Clients the data is split across", "x-cli": "--clients" },
            "clientsPerRound": { "type": ["integer", "null"], "default": null, "minimum": 1, "description": "Clients trained each round", "x-cli": "--clients-per-round" },
            "alpha": { "type": "number", "default": 0.5, "minimum": 0, "description": "Dirichlet concentration (label skew)", "x-cli": "--alpha" },
            "localEpochs": { "type": "integer", "default": 7, "minimum": 1, "description": "Local epochs per round", "x-cli": "--local-epochs" },
            "augmentation": { "type": "boolean", "default": false, "description": "Random crop and flip", "x-cli": "--augmentation" },
            "model": { "type": "string", "enum": ["seed-cnn", "wide-cnn", "resnet9-mini"], "default": "seed-cnn", "x-cli": "--model" },
            "trainLimit": { "type": ["integer", "null"], "default": null, "minimum": 1, "description": "Only the first N training images", "x-cli": "--train-limit" },
            "testLimit": { "type": ["integer", "null"], "default": null, "minimum": 1, "description": "Only the first N test images", "x-cli": "--test-limit" }
          },
          "x-presets": {
            "reference": { "localEpochs": 7 },
            "recommended": { "localEpochs": 4, "augmentation": true }
          }
        }
        """;
}
