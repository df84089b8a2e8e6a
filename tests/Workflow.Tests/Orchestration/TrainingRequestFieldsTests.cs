using System.Reflection;
using System.Text.Json;
using FedAvg.Common.Orchestration;

namespace FedAvg.Common.Tests.Orchestration;

public sealed class TrainingRequestFieldsTests
{
    public static TheoryData<string> FieldNames() => new(TrainingRequestFields.All.Select(f => f.Name));

    [Fact]
    public void Every_settable_property_of_the_request_has_exactly_one_field()
    {
        var properties = typeof(TrainingRequest).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is not null)
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name))
            .Order(StringComparer.Ordinal);

        Assert.Equal(properties, TrainingRequestFields.All.Select(f => f.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(FieldNames))]
    public void A_field_writes_and_reads_its_own_property_and_no_other(string name)
    {
        var field = TrainingRequestFields.Find(name)!;
        var start = new TrainingRequest();
        object value = OtherValidValue(field, field.ValueIn(start));

        var changed = field.WithValue(start, value);

        Assert.Equal(value, field.ValueIn(changed));
        Assert.Null(field.Problem(value));
        var property = typeof(TrainingRequest).GetProperty(char.ToUpperInvariant(name[0]) + name[1..])!;
        Assert.Equal(value, property.GetValue(changed));
        Assert.All(TrainingRequestFields.All.Where(f => f != field), other => Assert.Equal(other.ValueIn(start), other.ValueIn(changed)));
    }

    [Theory]
    [MemberData(nameof(FieldNames))]
    public void A_field_reads_the_json_and_the_text_of_its_values(string name)
    {
        var field = TrainingRequestFields.Find(name)!;
        object value = OtherValidValue(field, field.ValueIn(new TrainingRequest()));
        string text = RequestField.Format(value);
        string json = value is string ? $"\"{text}\"" : text;

        using var document = JsonDocument.Parse(json);
        Assert.Equal(value, field.ReadJson(document.RootElement));
        Assert.True(field.TryParse(text, out object? parsed, out string? error), error);
        Assert.Equal(value, parsed);
    }

    [Theory]
    [InlineData("rounds", "1001", "must be between 1 and 1000")]
    [InlineData("alpha", "0", "must be above 0 and at most 1000000")]
    [InlineData("momentum", "1", "must be at least 0 and below 1")]
    [InlineData("partition", "shards", "must be one of: dirichlet, iid")]
    public void A_value_out_of_range_is_described_from_the_table(string name, string text, string expected)
    {
        var field = TrainingRequestFields.Find(name)!;
        Assert.True(field.TryParse(text, out object? value, out _));

        Assert.Equal(expected, field.Problem(value));
    }

    [Theory]
    [InlineData("rounds", "ten", "must be a whole number, not 'ten'")]
    [InlineData("learningRate", "fast", "must be a number, not 'fast'")]
    [InlineData("augmentation", "yes", "must be true or false, not 'yes'")]
    public void Text_of_the_wrong_type_is_refused_saying_what_was_expected(string name, string text, string expected)
    {
        Assert.False(TrainingRequestFields.Find(name)!.TryParse(text, out _, out string? error));
        Assert.Equal(expected, error);
    }

    // A value in the field's range that differs from the current one.
    private static object OtherValidValue(RequestField field, object? current) => field.Kind switch
    {
        RequestFieldKind.WholeNumber => (int)field.Minimum! + 1 == (current as int?) ? (int)field.Minimum! + 2 : (int)field.Minimum! + 1,
        RequestFieldKind.Number => current is double now && now / 2 is var half && field.Problem(half) is null && half != now ? half : 0.25,
        RequestFieldKind.Flag => !(bool)current!,
        _ => field.Allowed.First(a => a != (string?)current),
    };
}
