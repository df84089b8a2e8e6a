using FedAvg.Common.Orchestration;

namespace FedAvg.Common.Tests.Orchestration;

public sealed class ClientSelectorTests
{
    [Fact]
    public void Selection_is_a_sorted_distinct_subset_fixed_by_seed_and_round()
    {
        for (int round = 1; round <= 20; round++)
        {
            int[] chosen = ClientSelector.Select(42, round, 10, 4);

            Assert.Equal(4, chosen.Distinct().Count());
            Assert.All(chosen, c => Assert.InRange(c, 0, 9));
            Assert.Equal(chosen.Order(), chosen);
            Assert.Equal(chosen, ClientSelector.Select(42, round, 10, 4));
        }
    }

    [Fact]
    public void Rounds_and_seeds_choose_differently_and_every_client_gets_picked()
    {
        var rounds = Enumerable.Range(1, 30).Select(r => string.Join(",", ClientSelector.Select(42, r, 5, 3))).ToList();

        Assert.True(rounds.Distinct().Count() > 5);
        Assert.Equal(Enumerable.Range(0, 5), rounds.SelectMany(r => r.Split(',')).Select(int.Parse).Distinct().Order());
        Assert.NotEqual(
            Enumerable.Range(1, 10).Select(r => ClientSelector.Select(42, r, 5, 3)),
            Enumerable.Range(1, 10).Select(r => ClientSelector.Select(43, r, 5, 3)));
    }

    [Fact]
    public void All_clients_are_selected_when_every_client_trains()
    {
        Assert.Equal([0, 1, 2, 3, 4], ClientSelector.Select(1, 1, 5, 5));
    }

    [Fact]
    public void Activity_intervals_are_unioned_so_parallel_work_is_not_double_counted()
    {
        var t0 = DateTimeOffset.UnixEpoch;
        var intervals = new[]
        {
            new ActivityTiming(t0, t0.AddSeconds(10)),
            new ActivityTiming(t0.AddSeconds(5), t0.AddSeconds(12)),
            new ActivityTiming(t0.AddSeconds(20), t0.AddSeconds(21)),
        };

        Assert.Equal(13, ActivityTiming.BusySeconds(intervals), 9);
        Assert.Equal(0, ActivityTiming.BusySeconds([]));
    }

    [Fact]
    public void The_cosine_schedule_starts_at_the_base_rate_and_decays_every_round()
    {
        var request = Presets.Reference with { LearningRateSchedule = "cosine", Rounds = 10, LearningRate = 0.1 };

        double[] rates = Enumerable.Range(1, 10).Select(r => LearningRateSchedule.At(request, r)).ToArray();

        Assert.Equal(0.1, rates[0], 12);
        Assert.All(rates.Zip(rates.Skip(1)), p => Assert.True(p.Second < p.First));
        Assert.True(rates[^1] > 0);
        Assert.Equal(0.1, LearningRateSchedule.At(Presets.Reference with { LearningRate = 0.1 }, 7));
    }
}
