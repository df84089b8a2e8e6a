using System.CommandLine;
using FedAvg.LocalHost.Hosting;

namespace FedAvg.LocalHost.Cli;

/// <summary><c>fedavg worker</c>: activities for the runs of the local state until Ctrl+C (see <see cref="WorkerHost"/>).</summary>
internal static class WorkerCommand
{
    public static Command Create()
    {
        var data = DataFolderOption.Create();
        var command = new Command("worker",
            "run activities (training, aggregation, evaluation) for the runs of a fedavg serve or train on the same state: started " +
            "in the same folder (or FEDAVG_STATE) it shares that process's Azurite; with AzureWebJobsStorage it joins that account's " +
            "task hub. One line per activity until Ctrl+C. Orchestrations stay with the process that drives them; start as many " +
            "workers as you like. A worker killed mid-activity loses nothing: the activity runs again elsewhere once its lock lapses.")
        {
            data,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await WorkerHost.RunAsync(DataFolderOption.ReadOrLocate(parse.GetValue(data)), FedavgCommand.Out(parse), FedavgCommand.Error(parse), cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }
}
