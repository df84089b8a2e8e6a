using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FedAvg.Common.Models;

/// <summary>
/// seed-cnn with GroupNorm (Wu and He 2018) of 8 groups after each convolution (gn1 to gn3) and LayerNorm after fc1
/// (ln4; TorchSharp's GroupNorm refuses a [batch, features] input, and LayerNorm is GroupNorm with one group there).
/// Both normalise each sample on its own, so the model has no running statistics: nothing computed from a client's
/// data but the trained parameters, which is what DP-FedAvg needs, and nothing for skewed clients' statistics to
/// disagree on (Hsieh et al. 2020). Same 621,322 parameters, and for the same seed the same initial conv and linear
/// weights as seed-cnn.
/// </summary>
internal static class SeedCnnGroupNorm
{
    public const string Name = "seed-cnn-gn";

    /// <summary>8 groups divide every width (32, 64, 128) into groups of at least 4 channels.</summary>
    private const int Groups = 8;

    public static Module<Tensor, Tensor> Build() => SeedCnn.Build(
        "gn",
        channels => Affine(GroupNorm(Groups, channels)),
        "ln4",
        features => Affine(LayerNorm(features)));

    /// <summary>
    /// Sets the affine scale to 1 and shift to 0, as torch initialises them. TorchSharp 0.107 leaves a GroupNorm's
    /// parameters as allocated, so two builds with one seed differed there.
    /// </summary>
    private static Module<Tensor, Tensor> Affine(Module<Tensor, Tensor> norm)
    {
        using var noGrad = no_grad();
        foreach (var (name, parameter) in norm.named_parameters())
        {
            parameter.fill_(name == "weight" ? 1 : 0);
        }

        return norm;
    }
}
