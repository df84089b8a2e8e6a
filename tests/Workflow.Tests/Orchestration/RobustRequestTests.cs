using System.Text;
using FedAvg.Common.Adversaries;
using FedAvg.Common.Aggregation;
using FedAvg.Common.Orchestration;

namespace FedAvg.Common.Tests.Orchestration;

/// <summary>The aggregator and attack fields of a request: defaults, and the checks between them, each naming its field.</summary>
public sealed class RobustRequestTests
{
    [Fact]
    public void By_default_a_request_averages_and_nobody_attacks()
    {
        var request = TrainingRequestParser.Parse("{}"u8, out var errors)!;

        Assert.False(errors.Any, errors.ToString());
        Assert.Equal((UpdateAggregators.FedAvg, 0, ClientAttacks.None, 0, 10.0),
            (request.Aggregator, request.ByzantineClients, request.Attack, request.Attackers, request.AttackScale));
        Assert.Equal(new AggregatorOptions().TrimFraction, request.TrimBeta);
    }

    [Theory]
    [InlineData("""{"clients":10,"clientsPerRound":10,"aggregator":"krum","byzantineClients":3}""")]
    [InlineData("""{"clients":10,"clientsPerRound":10,"aggregator":"multi-krum","byzantineClients":3}""")]
    [InlineData("""{"clients":10,"clientsPerRound":10,"aggregator":"trimmed-mean","trimBeta":0.4}""")]
    [InlineData("""{"clients":10,"clientsPerRound":10,"aggregator":"median","attack":"sign-flip","attackers":4,"attackScale":2.5}""")]
    [InlineData("""{"clients":10,"attack":"label-flip","attackers":10}""")]
    [InlineData("""{"attack":"sign-flip"}""")]
    [InlineData("""{"attackers":2}""")]
    public void Robust_and_attacked_requests_within_their_limits_are_accepted(string json)
    {
        var request = TrainingRequestParser.Parse(Encoding.UTF8.GetBytes(json), out var errors);

        Assert.False(errors.Any, errors.ToString());
        Assert.NotNull(request);
    }

    [Theory]
    [InlineData("""{"aggregator":"bulyan"}""", "aggregator")]
    [InlineData("""{"trimBeta":0.5}""", "trimBeta")]
    [InlineData("""{"byzantineClients":-1}""", "byzantineClients")]
    [InlineData("""{"clients":10,"clientsPerRound":10,"aggregator":"krum","byzantineClients":4}""", "byzantineClients")]
    [InlineData("""{"clients":10,"clientsPerRound":6,"aggregator":"multi-krum","byzantineClients":2}""", "byzantineClients")]
    [InlineData("""{"clients":10,"fraction":0.2,"aggregator":"krum"}""", "aggregator")]
    [InlineData("""{"attack":"backdoor","attackers":1}""", "attack")]
    [InlineData("""{"clients":5,"attack":"scale","attackers":6}""", "attackers")]
    [InlineData("""{"attack":"scale","attackers":1,"attackScale":0}""", "attackScale")]
    public void A_bad_aggregator_or_attack_is_refused_naming_the_field(string json, string field)
    {
        var request = TrainingRequestParser.Parse(Encoding.UTF8.GetBytes(json), out var errors);

        Assert.Null(request);
        Assert.Equal([field], errors.ToDictionary().Keys);
    }

    [Fact]
    public void Krum_says_how_many_byzantine_clients_the_round_allows()
    {
        var errors = TrainingRequestValidator.Validate(new TrainingRequest
        {
            Clients = 10, ClientsPerRound = 7, Aggregator = UpdateAggregators.Krum, ByzantineClients = 3,
        });

        Assert.Equal(
            "byzantineClients must leave krum more than 2 * byzantineClients + 2 updates a round: at most 2 for the 7 clients selected each round",
            errors.ToString());
        Assert.False(TrainingRequestValidator.Validate(new TrainingRequest
        {
            Clients = 10, ClientsPerRound = 7, Aggregator = UpdateAggregators.Krum, ByzantineClients = 2,
        }).Any);
    }
}
