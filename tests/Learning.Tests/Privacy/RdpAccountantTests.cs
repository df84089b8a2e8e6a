using FedAvg.Common.Privacy;

namespace FedAvg.Common.Tests.Privacy;

/// <summary>
/// The accountant against published values. Opacus: pytorch/opacus, opacus/tests/accountants_test.py
/// (AccountingTest.test_rdp_accountant) and the doctest of opacus/accountants/analysis/rdp.py. TensorFlow Privacy:
/// tensorflow/privacy, tensorflow_privacy/privacy/analysis/rdp_accountant_test.py (test_compute_rdp_scalar,
/// test_compute_rdp_sequence, test_get_privacy_spent_check_target_delta), as it stood before the accountant moved to
/// the dp_accounting library.
/// </summary>
public sealed class RdpAccountantTests
{
    [Fact]
    public void Epsilon_matches_opacus_for_q_0_04_sigma_1_5_over_2250_steps_at_delta_1e_5()
    {
        // Opacus asserts 7.32911117143 to 7 decimal places with its default orders, for 90 epochs at q = 0.04.
        var spent = RdpAccountant.Epsilon(samplingRate: 0.04, noiseMultiplier: 1.5, steps: 2250, delta: 1e-5);

        Assert.Equal(7.32911117143, spent.Epsilon, 5e-8);
    }

    [Fact]
    public void Composed_phases_match_the_opacus_doctest()
    {
        // (q, σ, steps) = (1e-5, 1.0, 10) then (1e-4, 3.0, 4), orders 2..32, δ = 1e-5 → ε 0.336 (3 places), order 23.
        double[] orders = [.. Enumerable.Range(2, 31).Select(o => (double)o)];
        double[] first = RdpAccountant.ComputeRdp(1e-5, 1.0, 10, orders);
        double[] second = RdpAccountant.ComputeRdp(1e-4, 3.0, 4, orders);
        double[] total = [.. first.Zip(second, (a, b) => a + b)];

        var spent = RdpAccountant.Spent(orders, total, 1e-5);

        Assert.Equal(0.336, spent.Epsilon, 5e-4);
        Assert.Equal(23, spent.Order);
    }

    [Fact]
    public void Rdp_matches_tensorflow_privacy_at_integer_fractional_and_infinite_orders()
    {
        // test_compute_rdp_sequence: q = 0.01, σ = 2.5, 50 steps, rtol 1e-4.
        double[] orders = [1.5, 2.5, 5, 50, 100, double.PositiveInfinity];
        double[] expected = [6.5007e-04, 1.0854e-03, 2.1808e-03, 2.3846e-02, 1.6742e+02, double.PositiveInfinity];

        double[] rdp = RdpAccountant.ComputeRdp(0.01, 2.5, 50, orders);

        for (int i = 0; i < orders.Length - 1; i++)
        {
            Assert.True(Math.Abs(rdp[i] - expected[i]) <= 1e-4 * expected[i], $"Order {orders[i]}: {rdp[i]} vs {expected[i]}.");
        }

        Assert.Equal(double.PositiveInfinity, rdp[^1]);

        // test_compute_rdp_scalar: q = 0.1, σ = 2, 10 steps, order 5 → 0.07737 (5 places).
        Assert.Equal(0.07737, RdpAccountant.ComputeRdp(0.1, 2, 10, [5])[0], 5e-6);
    }

    [Fact]
    public void A_constant_rdp_converts_at_the_largest_order_as_tensorflow_privacy_and_by_hand()
    {
        // Pure DP: RDP 1.1 at every order 2..32 is best converted at 32:
        // 1.1 − (ln 1e-5 + ln 32)/31 + ln(31/32) = 1.1 + 0.2595866 − 0.0317487 = 1.32783806176 (TF Privacy's value).
        double[] orders = [.. Enumerable.Range(2, 31).Select(o => (double)o)];

        var spent = RdpAccountant.Spent(orders, [.. orders.Select(_ => 1.1)], 1e-5);

        Assert.Equal(32, spent.Order);
        Assert.Equal(1.32783806176, spent.Epsilon, 1e-10);
    }

    [Fact]
    public void The_unsampled_gaussian_mechanism_is_alpha_over_two_sigma_squared_per_step()
    {
        // q = 1: RDP(α) = α/(2σ²) per step; σ = 2, α = 3, 5 steps: 5·3/8 = 1.875. q = 0 spends nothing; σ = 0 has no bound.
        Assert.Equal(1.875, RdpAccountant.ComputeRdp(1, 2, 5, [3])[0]);
        Assert.Equal(0, RdpAccountant.ComputeRdp(0, 2, 5, [3])[0]);
        Assert.Equal(double.PositiveInfinity, RdpAccountant.ComputeRdp(0.5, 0, 5, [3])[0]);
        Assert.Equal(0, RdpAccountant.ComputeRdp(0.5, 0, 0, [3])[0]);
    }

    [Fact]
    public void No_bound_at_any_order_is_infinite_epsilon()
    {
        var spent = RdpAccountant.Epsilon(0.5, 0, 10, 1e-5);

        Assert.Equal(double.PositiveInfinity, spent.Epsilon);
    }

    [Fact]
    public void More_noise_fewer_steps_or_a_lower_rate_spend_less()
    {
        double baseline = RdpAccountant.Epsilon(0.1, 1.0, 100, 1e-5).Epsilon;

        Assert.True(RdpAccountant.Epsilon(0.1, 2.0, 100, 1e-5).Epsilon < baseline);
        Assert.True(RdpAccountant.Epsilon(0.1, 1.0, 50, 1e-5).Epsilon < baseline);
        Assert.True(RdpAccountant.Epsilon(0.05, 1.0, 100, 1e-5).Epsilon < baseline);
    }

    [Fact]
    public void Invalid_arguments_are_refused_by_name()
    {
        Assert.Equal("samplingRate", Assert.ThrowsAny<ArgumentException>(() => RdpAccountant.ComputeRdp(1.5, 1, 1, [2])).ParamName);
        Assert.Equal("noiseMultiplier", Assert.ThrowsAny<ArgumentException>(() => RdpAccountant.ComputeRdp(0.5, double.NaN, 1, [2])).ParamName);
        Assert.Equal("steps", Assert.ThrowsAny<ArgumentException>(() => RdpAccountant.ComputeRdp(0.5, 1, -1, [2])).ParamName);
        Assert.Equal("orders", Assert.ThrowsAny<ArgumentException>(() => RdpAccountant.ComputeRdp(0.5, 1, 1, [1])).ParamName);
        Assert.Equal("delta", Assert.ThrowsAny<ArgumentException>(() => RdpAccountant.Spent([2], [1], 0)).ParamName);
        Assert.Equal("rdp", Assert.ThrowsAny<ArgumentException>(() => RdpAccountant.Spent([2, 3], [1], 1e-5)).ParamName);
        Assert.Equal("rdp", Assert.ThrowsAny<ArgumentException>(() => RdpAccountant.Spent([2], [double.NaN], 1e-5)).ParamName);
    }
}
