using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FedAvg.Common.Models;

/// <summary>
/// Inverted dropout whose masks come from a generator this module owns. torch's nn.Dropout draws from the global
/// generator, which every training running concurrently in the process shares, so its masks (and the trained
/// weights) would depend on scheduling. The trainer re-seeds this generator at the start of each training call.
/// </summary>
public sealed class SeededDropout : Module<Tensor, Tensor>
{
    private readonly Generator _generator;

    public SeededDropout(double probability, long seed = 0)
        : base(nameof(SeededDropout))
    {
        if (!(probability >= 0 && probability < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "Dropout probability must be in [0, 1).");
        }

        Probability = probability;
        _generator = new Generator(unchecked((ulong)seed));
    }

    public double Probability { get; }

    /// <summary>Restarts the mask sequence: the same seed gives the same masks for the same input shapes.</summary>
    public void Reseed(long seed) => _generator.manual_seed(seed);

    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!training || Probability == 0)
        {
            // An alias, not the input itself, so a caller disposing the output does not dispose its input.
            return input.alias();
        }

        using Tensor noise = rand(input.shape, input.dtype, input.device, generator: _generator);
        using Tensor keep = noise.ge(Probability);
        using Tensor kept = input.mul(keep);
        return kept.div(1 - Probability);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _generator.Dispose();
        }

        base.Dispose(disposing);
    }
}
