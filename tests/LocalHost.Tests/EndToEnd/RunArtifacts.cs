namespace FedAvg.LocalHost.Tests.EndToEnd;

/// <summary>What <c>fedavg train</c> leaves in its working folder for a run, and how the end-to-end tests compare it.</summary>
internal static class RunArtifacts
{
    public static string ModelFile(string folder, string runId) => Path.Combine(folder, "runs", runId, "model.weights");

    /// <summary>Two final models byte for byte: what "the run resumed to the same model" means in these tests.</summary>
    public static void AssertSameModel(byte[] expected, byte[] actual) =>
        Assert.True(expected.AsSpan().SequenceEqual(actual), $"final models differ ({expected.Length} and {actual.Length} bytes)");
}
