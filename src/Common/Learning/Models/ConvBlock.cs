using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FedAvg.Common.Models;

/// <summary>3x3 convolution (padding 1, no bias: the BatchNorm after it has one), BatchNorm, ReLU.</summary>
internal static class ConvBlock
{
    public static Module<Tensor, Tensor> Build(long inputChannels, long outputChannels) => Sequential(
        ("conv", Conv2d(inputChannels, outputChannels, 3, padding: 1, bias: false)),
        ("bn", BatchNorm2d(outputChannels)),
        ("relu", ReLU()));
}
