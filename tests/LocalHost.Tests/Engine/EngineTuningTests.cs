using FedAvg.LocalHost.Engine;

namespace FedAvg.LocalHost.Tests.Engine;

public sealed class EngineTuningTests
{
    [Fact]
    public void An_idle_queue_is_polled_at_least_every_tenth_of_a_second_by_default()
    {
        var settings = EngineTuning.Create(new LocalDurableEngineOptions("UseDevelopmentStorage=true"));

        Assert.Equal(TimeSpan.FromMilliseconds(100), settings.MaxQueuePollingInterval);
    }

    [Fact]
    public void The_polling_bound_reaches_the_provider()
    {
        var options = new LocalDurableEngineOptions("UseDevelopmentStorage=true") { MaxQueuePollingInterval = TimeSpan.FromSeconds(2) };

        Assert.Equal(TimeSpan.FromSeconds(2), EngineTuning.Create(options).MaxQueuePollingInterval);
    }

    [Theory]
    [InlineData(49)]
    [InlineData(60_001)]
    public void A_polling_bound_outside_50_ms_to_a_minute_is_refused_by_name(int milliseconds)
    {
        var options = new LocalDurableEngineOptions("UseDevelopmentStorage=true") { MaxQueuePollingInterval = TimeSpan.FromMilliseconds(milliseconds) };

        var error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        Assert.Equal(nameof(LocalDurableEngineOptions.MaxQueuePollingInterval), error.ParamName);
    }
}
