using System.Text;
using System.Text.Json;
using FedAvg.Common.Http;
using FedAvg.Common.Orchestration;

namespace FedAvg.Common.Tests.Http;

public sealed class TrainSchemaEndpointTests
{
    [Fact]
    public async Task The_schema_names_every_member_the_parser_reads_and_nothing_else()
    {
        var schema = await GetAsync();

        Assert.Equal("object", schema.GetProperty("type").GetString());
        Assert.False(schema.GetProperty("additionalProperties").GetBoolean());
        Assert.Equal(
            TrainingRequestParser.FieldNames.Order(StringComparer.Ordinal),
            schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Every_default_is_what_an_empty_request_gets()
    {
        var properties = (await GetAsync()).GetProperty("properties");
        var fromDefaults = new StringBuilder("{");
        foreach (var property in properties.EnumerateObject().Where(p => p.Value.TryGetProperty("default", out _)))
        {
            fromDefaults.Append($"\"{property.Name}\":{property.Value.GetProperty("default").GetRawText()},");
        }

        var request = TrainingRequestParser.Parse(Encoding.UTF8.GetBytes(fromDefaults.ToString().TrimEnd(',') + "}"), out var errors);

        Assert.False(errors.Any, errors.ToString());
        Assert.Equal(TrainingRequestParser.Parse([], out _), request);
    }

    [Theory]
    [InlineData("recommended")]
    [InlineData("reference")]
    public async Task A_presets_values_sent_as_a_request_are_that_preset(string preset)
    {
        var values = (await GetAsync()).GetProperty("x-presets").GetProperty(preset);

        var request = TrainingRequestParser.Parse(Encoding.UTF8.GetBytes(values.GetRawText()), out var errors);

        Assert.False(errors.Any, errors.ToString());
        Assert.Equal(Presets.All[preset].Request, request);
    }

    [Fact]
    public async Task Ranges_allowed_values_and_cli_options_come_with_each_field()
    {
        var properties = (await GetAsync()).GetProperty("properties");

        var rounds = properties.GetProperty("rounds");
        Assert.Equal(("integer", 1, 1000, "--rounds"), (rounds.GetProperty("type").GetString(), rounds.GetProperty("minimum").GetInt32(), rounds.GetProperty("maximum").GetInt32(), rounds.GetProperty("x-cli").GetString()));
        Assert.Equal(["dirichlet", "iid"], properties.GetProperty("partition").GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(0, properties.GetProperty("alpha").GetProperty("exclusiveMinimum").GetDouble());
        Assert.Equal("--clients-per-round", properties.GetProperty("clientsPerRound").GetProperty("x-cli").GetString());
        Assert.Equal(["--lr"], properties.GetProperty("learningRate").GetProperty("x-cli-aliases").EnumerateArray().Select(v => v.GetString()));
    }

    private static async Task<JsonElement> GetAsync()
    {
        var context = HttpHarness.Request([], null);
        var (status, json, type) = await HttpHarness.ExecuteAsync(TrainSchemaEndpoint.Handle(), context);
        Assert.Equal(200, status);
        Assert.StartsWith(TrainSchemaEndpoint.ContentType, type);
        return json;
    }
}
