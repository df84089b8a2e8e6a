return FedAvg.LocalHost.Cli.CliApp.Run(args);
