// Every test here runs a notebook, which sets the process's working folder and environment while it runs.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
