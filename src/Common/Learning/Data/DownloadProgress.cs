namespace FedAvg.Common.Data;

/// <summary>Bytes of the archive on disk so far (including a resumed part), and its size when the server says.</summary>
public readonly record struct DownloadProgress(long Bytes, long? Total);
