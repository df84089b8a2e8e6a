using FedAvg.Common.Data;
using FedAvg.Common.Training;

namespace FedAvg.Common.Tests.Training;

public sealed class BatchSourceTests
{
    private static readonly byte[] Image = [.. Enumerable.Range(0, CifarDataset.ImageBytes).Select(i => (byte)(i * 7))];

    [Fact]
    public void No_offset_and_no_flip_is_plain_normalisation()
    {
        float[] expected = new float[CifarDataset.ImageBytes];
        float[] actual = new float[CifarDataset.ImageBytes];
        CifarNormalization.Normalize(Image, expected);

        BatchSource.CropAndFlip(Image, actual, 0, 0, flip: false);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Flip_mirrors_each_row()
    {
        float[] actual = new float[CifarDataset.ImageBytes];

        BatchSource.CropAndFlip(Image, actual, 0, 0, flip: true);

        // Green plane, row 5, column 0 comes from column 31.
        Assert.Equal(CifarNormalization.Value(1, Image[1024 + 5 * 32 + 31]), actual[1024 + 5 * 32]);
    }

    [Fact]
    public void An_offset_shifts_the_image_and_pads_with_black()
    {
        float[] actual = new float[CifarDataset.ImageBytes];

        BatchSource.CropAndFlip(Image, actual, offsetX: 3, offsetY: -2, flip: false);

        float black = CifarNormalization.Value(0, 0);
        Assert.Equal(black, actual[0 * 32 + 10]);  // rows 0-1 come from above the image
        Assert.Equal(black, actual[1 * 32 + 10]);
        Assert.Equal(CifarNormalization.Value(0, Image[0 * 32 + 13]), actual[2 * 32 + 10]);
        Assert.Equal(black, actual[2 * 32 + 29]);  // columns 29-31 come from right of the image
        Assert.Equal(CifarNormalization.Value(0, Image[0 * 32 + 31]), actual[2 * 32 + 28]);
    }
}
