using FedAvg.Common.Data;

namespace FedAvg.Common.Tests.Data;

/// <summary>Small datasets whose every pixel depends on its image index, so mix-ups show.</summary>
public static class SyntheticCifar
{
    public static CifarDataset Create(params byte[] labels)
    {
        var pixels = new byte[labels.Length * CifarDataset.ImageBytes];
        for (int i = 0; i < pixels.Length; i++)
        {
            int image = i / CifarDataset.ImageBytes;
            pixels[i] = (byte)((i * 31) + (image * 7));
        }

        return new CifarDataset(labels, pixels);
    }

    /// <summary>Raw binary-format bytes for records with the given labels, any label value allowed.</summary>
    public static byte[] RawRecords(params byte[] labels)
    {
        var bytes = new byte[labels.Length * 3073];
        for (int i = 0; i < labels.Length; i++)
        {
            bytes[i * 3073] = labels[i];
            bytes.AsSpan((i * 3073) + 1, 3072).Fill((byte)(i + 1));
        }

        return bytes;
    }
}
