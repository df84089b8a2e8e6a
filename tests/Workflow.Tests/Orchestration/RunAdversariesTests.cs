using FedAvg.Common.Adversaries;
using FedAvg.Common.Orchestration;

namespace FedAvg.Common.Tests.Orchestration;

public sealed class RunAdversariesTests
{
    [Fact]
    public void Attackers_without_an_attack_are_no_hostile_clients()
    {
        var request = new TrainingRequest { Clients = 10, Attackers = 2, Attack = ClientAttacks.None };

        Assert.Empty(RunAdversaries.Of(request));
    }

    [Fact]
    public void With_an_attack_the_hostile_clients_are_the_seeds_draw()
    {
        var request = new TrainingRequest { Clients = 10, Attackers = 2, Attack = ClientAttacks.SignFlip, Seed = 7 };

        Assert.Equal(HostileClients.Draw(7, 10, 2), RunAdversaries.Of(request));
        Assert.Equal(2, RunAdversaries.Of(request).Count);
    }
}
