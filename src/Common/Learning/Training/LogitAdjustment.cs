using FedAvg.Common.Data;
using static TorchSharp.torch;

namespace FedAvg.Common.Training;

/// <summary>
/// The logit-adjusted loss (Menon et al. 2021, "Long-tail learning via logit adjustment"; at τ = 1 the balanced softmax
/// of Ren et al. 2020), taken to a label-skewed federation as FedLC does (Zhang et al. 2022): each client's cross-entropy
/// is over logits + τ·log π, π being its own label frequencies. A client holding two classes then no longer pushes the
/// eight it lacks down: their offset already makes them unlikely, so their gradient is small, and the global model keeps
/// the classes the other clients taught it. Only the training loss sees the offset; predictions stay the model's logits.
/// </summary>
internal sealed class LogitAdjustment : IDisposable
{
    private readonly Tensor _offsets;

    public LogitAdjustment(CifarDataset data, double tau)
    {
        _offsets = tensor(Offsets(data.ClassHistogram(), tau));
    }

    /// <summary>
    /// τ·log π_c with add-one smoothing, π_c = (n_c + 1) / (n + C): a class the client lacks gets a finite offset, log(1 / (n + C)),
    /// rather than log 0, which would make its logit's gradient NaN. All counts 0 (an empty histogram) give the uniform τ·log(1/C).
    /// </summary>
    /// <exception cref="ArgumentException">A count is negative, or τ is not finite.</exception>
    public static float[] Offsets(ReadOnlySpan<int> histogram, double tau)
    {
        if (!double.IsFinite(tau))
        {
            throw new ArgumentException($"The adjustment must be finite; it is {tau}.", nameof(tau));
        }

        // Summed in long: a histogram of int.MaxValue-sized classes must not wrap round.
        long total = 0;
        foreach (int count in histogram)
        {
            if (count < 0)
            {
                throw new ArgumentException($"Class counts cannot be negative; one is {count}.", nameof(histogram));
            }

            total += count;
        }

        double denominator = total + histogram.Length;
        var offsets = new float[histogram.Length];
        for (int c = 0; c < offsets.Length; c++)
        {
            offsets[c] = (float)(tau * Math.Log((histogram[c] + 1.0) / denominator));
        }

        return offsets;
    }

    /// <summary>logits + τ·log π, broadcast over the batch; a new tensor, in the caller's dispose scope.</summary>
    public Tensor Apply(Tensor logits) => logits + _offsets;

    public void Dispose() => _offsets.Dispose();
}
