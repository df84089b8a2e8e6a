using FedAvg.Common.Orchestration;

namespace FedAvg.Common.Tests.Orchestration;

public sealed class RunStrategyTests
{
    [Fact]
    public void The_default_request_is_plain_sgd_and_avgm_without_the_settings_they_ignore()
    {
        var strategy = RunStrategy.Of(new TrainingRequest());

        Assert.Equal(new RunStrategy("sgd", null, "avgm", 1, 0, null, null, null), strategy);
        Assert.Equal("clientAlgorithm sgd, serverOptimizer avgm (serverLearningRate 1, serverMomentum 0)", strategy.Describe());
    }

    [Fact]
    public void Each_choice_records_the_settings_it_uses()
    {
        var request = new TrainingRequest { ClientAlgorithm = "fedprox", ProximalMu = 0.1, ServerOptimizer = "yogi", ServerLearningRate = 0.05, ServerTau = 0.01 };

        Assert.Equal(
            "clientAlgorithm fedprox (proximalMu 0.1), serverOptimizer yogi (serverLearningRate 0.05, serverBeta1 0.9, serverBeta2 0.99, serverTau 0.01)",
            RunStrategy.Of(request).Describe());

        // Adagrad sums squares without decay, so beta2 is not its setting; scaffold has none.
        Assert.Equal(
            "clientAlgorithm scaffold, serverOptimizer adagrad (serverLearningRate 0.1, serverBeta1 0.9, serverTau 0.001)",
            RunStrategy.Of(request with { ClientAlgorithm = "scaffold", ServerOptimizer = "adagrad", ServerLearningRate = 0.1, ServerTau = 0.001 }).Describe());
    }
}
