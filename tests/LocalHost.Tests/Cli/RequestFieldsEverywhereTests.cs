using System.Globalization;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using FedAvg.Common.Orchestration;
using FedAvg.Common.Tests.Fixtures;
using FedAvg.LocalHost.Cli;
using FedAvg.LocalHost.Serve;

namespace FedAvg.LocalHost.Tests.Cli;

/// <summary>
/// Each request field is declared once: the OpenAPI document fedavg serve publishes, the JSON parser
/// and the CLI options of fedavg train name the same fields, and each field set through its CLI
/// option gives the same request as through JSON. Nothing here lists the fields.
/// </summary>
public sealed class RequestFieldsEverywhereTests
{
    [Fact]
    public async Task The_openapi_schema_the_parser_and_the_train_options_name_the_same_fields()
    {
        var properties = await OpenApiRequestPropertiesAsync();
        var (command, read) = TrainCommand.Build();

        Assert.Equal(TrainingRequestParser.FieldNames.Order(StringComparer.Ordinal), properties.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, property) in properties)
        {
            // Every member, preset included, names the train option that sets it.
            string flag = property.GetProperty("x-cli").GetString()!;
            Assert.Contains(command.Options, option => option.Name == flag);
            if (name == Presets.FieldName)
            {
                continue;
            }

            var (value, companions, viaJson) = OtherValidValue(name, properties);
            var parse = command.Parse([flag, value.Trim('"'), .. companions.SelectMany(c => new[] { properties[c.Name].GetProperty("x-cli").GetString()!, c.Value.Trim('"') })]);
            Assert.Empty(parse.Errors);
            var viaCli = read(parse).Request;

            Assert.Equal(viaJson, viaCli);
        }
    }

    [Fact]
    public void The_readme_names_every_field_with_its_options()
    {
        string readme = File.ReadAllText(Path.Combine(EndToEnd.RepoPaths.Root, "README.md"));
        var fields = TrainingRequestFields.All.Select(f => (f.Name, Options: f.CliAliases.Prepend(f.CliName)));

        Assert.All(fields, field =>
        {
            string row = readme.Split('\n').FirstOrDefault(line => line.StartsWith($"| `{field.Name}` |", StringComparison.Ordinal)) ?? string.Empty;
            Assert.All(field.Options, option => Assert.Contains($"`{option}`", row, StringComparison.Ordinal));
        });
    }

    // The OpenAPI document of the running fedavg serve app, as a client reads it.
    private static async Task<Dictionary<string, JsonElement>> OpenApiRequestPropertiesAsync()
    {
        await using var host = await InMemoryDurableHost.StartAsync(_ => { });
        int port = FreeTcpPorts.Next();
        await using var app = ServeApp.Build(port, host.Client);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var document = await http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        string reference = document.GetProperty("paths").GetProperty("/api/train").GetProperty("post")
            .GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString()!;
        var schema = document.GetProperty("components").GetProperty("schemas").GetProperty(reference.Split('/')[^1]);
        await app.StopAsync();
        return schema.GetProperty("properties").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
    }

    // A value other than the default, from the schema alone, that the parser takes (some are
    // valid only beside other fields: trainLimit at least clients), as JSON and as parsed. A value
    // the schema declares to need other fields' (x-requires) is given with them, and nothing else.
    private static (string Json, List<(string Name, string Value)> Companions, TrainingRequest Request) OtherValidValue(
        string name, Dictionary<string, JsonElement> properties)
    {
        var property = properties[name];
        property.TryGetProperty("default", out var given);
        var candidates = property.GetProperty("type").GetString() switch
        {
            _ when property.TryGetProperty("enum", out var allowed) => allowed.EnumerateArray().Select(a => $"\"{a.GetString()}\""),
            "boolean" => [given.GetBoolean() ? "false" : "true"],
            "integer" => new[] { given.ValueKind == JsonValueKind.Number ? given.GetInt32() + 1 : 0, property.GetProperty("minimum").GetInt32() + 1, property.GetProperty("maximum").GetInt32() }
                .Select(v => v.ToString(CultureInfo.InvariantCulture)),
            _ => new[] { given.ValueKind == JsonValueKind.Number ? given.GetDouble() / 2 : 1, 0.35, 0.25 }
                .Concat(property.TryGetProperty("maximum", out var maximum) ? [maximum.GetDouble()] : [])
                .Select(v => v.ToString("R", CultureInfo.InvariantCulture)),
        };
        foreach (string json in candidates)
        {
            var companions = Companions(name, json, properties);
            string body = string.Join(",", companions.Prepend((Name: name, Value: json)).Select(c => $"\"{c.Name}\":{c.Value}"));
            if (TrainingRequestParser.Parse(Encoding.UTF8.GetBytes($"{{{body}}}"), out _) is { } request && request != Presets.Default.Request)
            {
                return (json, companions, request);
            }
        }

        throw new Xunit.Sdk.XunitException($"no other valid value of {name} found from its schema");
    }

    // What the schema says a field's value needs (x-requires), and what those need in turn, each companion at the
    // first value it may take.
    private static List<(string Name, string Value)> Companions(string name, string json, Dictionary<string, JsonElement> properties)
    {
        var companions = new List<(string Name, string Value)>();
        var pending = new Queue<(string Name, string Json)>([(name, json)]);
        while (pending.TryDequeue(out var next))
        {
            if (!properties[next.Name].TryGetProperty("x-requires", out var requires))
            {
                continue;
            }

            foreach (var requirement in requires.EnumerateArray())
            {
                bool applies = !requirement.TryGetProperty("when", out var when) || $"\"{when.GetString()}\"" == next.Json;
                string field = requirement.GetProperty("field").GetString()!;
                if (applies && field != name && companions.All(c => c.Name != field))
                {
                    string value = $"\"{requirement.GetProperty("values")[0].GetString()}\"";
                    companions.Add((field, value));
                    pending.Enqueue((field, value));
                }
            }
        }

        return companions;
    }
}
