using FedAvg.Common.Models;
using FedAvg.Common.Training;

namespace FedAvg.Common.Tests.Training;

/// <summary>SCAFFOLD's server side (Karimireddy et al. 2020, Algorithm 1, line 17): c⁺ = c + (1/N)·Σ (c_i⁺ − c_i).</summary>
public sealed class ScaffoldServerControlTests
{
    [Fact]
    public void The_server_control_moves_by_the_deltas_sum_over_every_client_of_the_federation()
    {
        var control = new ScaffoldServerControl();
        control.Add(Control(1, -2));
        control.Add(Control(3, 0.5f));

        // N = 4, not the 2 that took part: [0.5 + (1 + 3)/4, 1 + (−2 + 0.5)/4] = [1.5, 0.625]; from zeros [1, −0.375].
        Assert.Equal([1.5f, 0.625f], control.Result(Control(0.5f, 1), 4).Tensors[0].FloatData!);
        Assert.Equal([1f, -0.375f], control.Result(null, 4).Tensors[0].FloatData!);
        Assert.Equal(2, control.Count);
    }

    [Fact]
    public void A_delta_is_the_new_client_control_minus_the_old()
    {
        var controls = new ScaffoldControls(Control(9, 9), Control(1, -2));

        Assert.Equal([2f, 2.5f], controls.Delta(Control(3, 0.5f)).Tensors[0].FloatData!);
    }

    [Fact]
    public void Mismatched_controls_no_deltas_and_a_federation_smaller_than_the_round_are_refused()
    {
        var control = new ScaffoldServerControl();
        Assert.Throws<InvalidOperationException>(() => control.Result(null, 3));
        control.Add(Control(1, 2));
        control.Add(Control(1, 2));

        Assert.Throws<ArgumentException>(() => control.Add(new ModelWeights("m", [WeightTensor.FromFloats("p", [3], WeightKind.Parameter, [1, 2, 3])])));
        Assert.Throws<ArgumentException>(() => control.Result(new ModelWeights("m", [WeightTensor.FromFloats("q", [2], WeightKind.Parameter, [1, 2])]), 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => control.Result(null, 1));
        Assert.Throws<ArgumentException>(() => new ScaffoldControls(Control(0, 0), Control(0, 0)).Delta(new ModelWeights("m", [])));
    }

    private static ModelWeights Control(float a, float b) => new("m", [WeightTensor.FromFloats("p", [2], WeightKind.Parameter, [a, b])]);
}
