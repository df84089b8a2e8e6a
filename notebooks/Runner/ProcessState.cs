namespace FedAvg.Notebooks;

/// <summary>
/// The process-wide state a notebook sees, set for one run and put back on dispose: the working
/// folder is the notebook's own (as Polyglot Notebooks and Jupyter start their kernels there, which
/// is what relative <c>#r</c> paths in it mean) and the environment carries the run's variables.
/// </summary>
internal sealed class ProcessState : IDisposable
{
    private readonly string _workingDirectory;
    private readonly Dictionary<string, string?> _previous;

    private ProcessState(string workingDirectory, Dictionary<string, string?> previous)
    {
        _workingDirectory = workingDirectory;
        _previous = previous;
    }

    public static ProcessState Enter(string workingDirectory, IReadOnlyDictionary<string, string?> environment)
    {
        var previous = environment.Keys.ToDictionary(name => name, Environment.GetEnvironmentVariable, StringComparer.Ordinal);
        var state = new ProcessState(Directory.GetCurrentDirectory(), previous);
        foreach (var (name, value) in environment)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        Directory.SetCurrentDirectory(workingDirectory);
        return state;
    }

    public void Dispose()
    {
        Directory.SetCurrentDirectory(_workingDirectory);
        foreach (var (name, value) in _previous)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }
}
