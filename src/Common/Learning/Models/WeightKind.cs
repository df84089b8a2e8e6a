namespace FedAvg.Common.Models;

/// <summary>What a named tensor of a model is, which decides how it is stored and averaged.</summary>
public enum WeightKind : byte
{
    /// <summary>A trainable float32 parameter (convolution kernels, biases, norm scales).</summary>
    Parameter = 1,

    /// <summary>A float32 buffer that is not trained by gradients (BatchNorm running mean and variance).</summary>
    FloatBuffer = 2,

    /// <summary>An int64 buffer (BatchNorm num_batches_tracked).</summary>
    IntegerBuffer = 3,
}
