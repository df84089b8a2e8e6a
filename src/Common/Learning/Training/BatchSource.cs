using FedAvg.Common.Data;
using static TorchSharp.torch;

namespace FedAvg.Common.Training;

/// <summary>
/// Builds normalised training batches from a dataset, optionally augmented the standard CIFAR way: a random
/// 32x32 crop of the image padded by 4 black pixels on each side, then a horizontal flip with probability 1/2.
/// Augmentation runs on the CPU side from a seeded <see cref="Random"/>, so it is reproducible and independent
/// of torch's global generator.
/// </summary>
internal sealed class BatchSource
{
    private const int Side = CifarDataset.ImageSide;
    private const int Padding = 4;

    private readonly CifarDataset _data;
    private readonly Random? _augmentation;
    private float[] _pixels = [];
    private long[] _labels = [];

    /// <param name="augmentation">Draws crops and flips; null for no augmentation.</param>
    public BatchSource(CifarDataset data, Random? augmentation)
    {
        _data = data;
        _augmentation = augmentation;
    }

    /// <summary>Images [n,3,32,32] and labels [n] for the samples at <paramref name="indices"/>.</summary>
    public (Tensor Images, Tensor Labels) Create(ReadOnlySpan<int> indices)
    {
        int count = indices.Length;
        // torch.tensor copies, so one buffer serves every batch of this source.
        if (_labels.Length != count)
        {
            _pixels = new float[count * CifarDataset.ImageBytes];
            _labels = new long[count];
        }

        for (int i = 0; i < count; i++)
        {
            int index = indices[i];
            _labels[i] = _data.Labels[index];
            Span<float> target = _pixels.AsSpan(i * CifarDataset.ImageBytes, CifarDataset.ImageBytes);
            if (_augmentation is null)
            {
                CifarNormalization.Normalize(_data.Image(index), target);
            }
            else
            {
                int offsetX = _augmentation.Next(2 * Padding + 1) - Padding;
                int offsetY = _augmentation.Next(2 * Padding + 1) - Padding;
                bool flip = _augmentation.Next(2) == 1;
                CropAndFlip(_data.Image(index), target, offsetX, offsetY, flip);
            }
        }

        return (tensor(_pixels, [count, CifarDataset.Channels, Side, Side]), tensor(_labels, [count]));
    }

    /// <summary>
    /// Output pixel (y, x) is source pixel (y + offsetY, x' + offsetX) with x' = 31 - x when flipped; pixels from
    /// outside the source are the zero padding (black before normalisation, as torchvision's RandomCrop pads).
    /// </summary>
    internal static void CropAndFlip(ReadOnlySpan<byte> image, Span<float> target, int offsetX, int offsetY, bool flip)
    {
        for (int channel = 0; channel < CifarDataset.Channels; channel++)
        {
            float black = CifarNormalization.Value(channel, 0);
            ReadOnlySpan<byte> plane = image.Slice(channel * Side * Side, Side * Side);
            for (int y = 0; y < Side; y++)
            {
                Span<float> row = target.Slice((channel * Side + y) * Side, Side);
                int sourceY = y + offsetY;
                if (sourceY is < 0 or >= Side)
                {
                    row.Fill(black);
                    continue;
                }

                ReadOnlySpan<byte> sourceRow = plane.Slice(sourceY * Side, Side);
                for (int x = 0; x < Side; x++)
                {
                    int sourceX = (flip ? Side - 1 - x : x) + offsetX;
                    row[x] = sourceX is >= 0 and < Side ? CifarNormalization.Value(channel, sourceRow[sourceX]) : black;
                }
            }
        }
    }
}
