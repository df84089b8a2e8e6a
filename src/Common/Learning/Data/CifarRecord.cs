namespace FedAvg.Common.Data;

/// <summary>One labelled image as it appears in a CIFAR-10 binary file.</summary>
/// <param name="Label">0..9.</param>
/// <param name="Pixels"><see cref="CifarDataset.ImageBytes"/> bytes: red plane, green plane, blue plane.</param>
public readonly record struct CifarRecord(byte Label, byte[] Pixels);
