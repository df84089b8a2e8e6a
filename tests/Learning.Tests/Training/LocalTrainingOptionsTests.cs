using FedAvg.Common.Training;

namespace FedAvg.Common.Tests.Training;

public sealed class LocalTrainingOptionsTests
{
    [Fact]
    public void Defaults_are_valid() => new LocalTrainingOptions().Validate();

    [Theory]
    [InlineData(nameof(LocalTrainingOptions.Epochs))]
    [InlineData(nameof(LocalTrainingOptions.BatchSize))]
    [InlineData(nameof(LocalTrainingOptions.LearningRate))]
    [InlineData(nameof(LocalTrainingOptions.Momentum))]
    [InlineData(nameof(LocalTrainingOptions.WeightDecay))]
    public void An_invalid_field_is_named(string field)
    {
        var options = field switch
        {
            nameof(LocalTrainingOptions.Epochs) => new LocalTrainingOptions { Epochs = 0 },
            nameof(LocalTrainingOptions.BatchSize) => new LocalTrainingOptions { BatchSize = 1 },
            nameof(LocalTrainingOptions.LearningRate) => new LocalTrainingOptions { LearningRate = double.NaN },
            nameof(LocalTrainingOptions.Momentum) => new LocalTrainingOptions { Momentum = 1 },
            _ => new LocalTrainingOptions { WeightDecay = -1e-4 },
        };

        var error = Assert.ThrowsAny<ArgumentException>(options.Validate);

        Assert.Equal(field, error.ParamName);
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }
}
