using FedAvg.Common.Adversaries;

namespace FedAvg.Common.Tests.Adversaries;

/// <summary>The attacks' span kernels on hand examples and their edge cases.</summary>
public sealed class AdversaryKernelTests
{
    [Fact]
    public void A_scaled_change_stretches_or_reverses_the_step_from_the_origin()
    {
        // origin {1, -2, 0.5}, values {1.5, -4, 0.5}: changes {0.5, -2, 0}; ×(−10) → {−5, 20, 0}; plus origin → {−4, 18, 0.5}.
        float[] destination = new float[3];
        ScaledChange.Compute([1f, -2f, 0.5f], [1.5f, -4f, 0.5f], -10f, destination);
        Assert.Equal([-4f, 18f, 0.5f], destination);

        ScaledChange.Compute([1f, -2f, 0.5f], [1.5f, -4f, 0.5f], 3f, destination);
        Assert.Equal([2.5f, -8f, 0.5f], destination);
    }

    [Fact]
    public void A_scaled_change_may_write_over_its_values_keeps_NaN_overflows_to_infinity_and_checks_lengths()
    {
        float[] values = [2f, float.NaN, float.MaxValue];
        ScaledChange.Compute([0f, 0f, -float.MaxValue], values, 4f, values);
        Assert.Equal(8f, values[0]);
        Assert.True(float.IsNaN(values[1]));
        Assert.True(float.IsPositiveInfinity(values[2]));

        ScaledChange.Compute([], [], 10f, []);
        Assert.Throws<ArgumentException>(() => ScaledChange.Compute([1f], [1f, 2f], 1f, new float[2]));
    }

    [Fact]
    public void Flipped_labels_swap_each_class_for_nine_minus_it_and_refuse_a_label_outside_the_ten()
    {
        byte[] destination = new byte[10];
        FlippedLabels.Compute([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], destination);
        Assert.Equal([9, 8, 7, 6, 5, 4, 3, 2, 1, 0], destination);

        FlippedLabels.Compute([], []);
        Assert.Throws<ArgumentException>(() => FlippedLabels.Compute([10], new byte[1]));
        Assert.Throws<ArgumentException>(() => FlippedLabels.Compute([1, 2], new byte[1]));
    }

    [Fact]
    public void Hostile_clients_are_distinct_ascending_in_range_fixed_by_the_seed_and_move_with_it()
    {
        var first = HostileClients.Draw(42, 10, 3);
        Assert.Equal(first, HostileClients.Draw(42, 10, 3));
        Assert.Equal(3, first.Distinct().Count());
        Assert.Equal(first.Order(), first);
        Assert.All(first, c => Assert.InRange(c, 0, 9));

        var seeds = Enumerable.Range(0, 20).Select(s => string.Join(",", HostileClients.Draw(s, 10, 3))).Distinct().Count();
        Assert.True(seeds > 10, $"only {seeds} different sets from 20 seeds");
        Assert.Empty(HostileClients.Draw(42, 10, 0));
        Assert.Equal([0, 1, 2, 3, 4], HostileClients.Draw(42, 5, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => HostileClients.Draw(42, 5, 6));
    }

    [Fact]
    public void Every_client_is_equally_likely_to_be_hostile()
    {
        // 2,000 draws of 2 of 10: each client expects 400; a fair draw stays within ±80 (4.5 standard deviations).
        var counts = new int[10];
        for (int seed = 0; seed < 2000; seed++)
        {
            foreach (int client in HostileClients.Draw(seed, 10, 2))
            {
                counts[client]++;
            }
        }

        Assert.All(counts, c => Assert.InRange(c, 320, 480));
    }
}
