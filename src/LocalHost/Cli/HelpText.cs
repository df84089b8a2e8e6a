namespace FedAvg.LocalHost.Cli;

/// <summary>What <c>fedavg --help</c> and <c>fedavg COMMAND --help</c> print.</summary>
internal static class HelpText
{
    public const string Overview = """
        fedavg - federated averaging on CIFAR-10 on a local durable engine (Azurite or AzureWebJobsStorage)

        usage: fedavg COMMAND [options]

        commands:
          train      train a model: live progress, a per-round table, runs/<id>/report.json
          serve      the HTTP API of the Functions app on 127.0.0.1 (docs at /docs)
          predict    classify an image with a trained model
          partition  show how the training images split across clients
          bench      each benchmark configuration end to end, measured, to bench/results
          runs       list the runs in the local state; stop unfinished ones
          worker     run activities for the runs of a serve or train on the same state (scale out)

        fedavg COMMAND --help shows a command's options. Exit codes: 0 ok, 1 failed, 2 bad command line
        or refused to start.

        State (runs, models, the task hub) lives in Azurite in ./.azurite, or in the folder FEDAVG_STATE
        names (or in the account AzureWebJobsStorage names). Every serve, train and bench resumes the
        runs left unfinished there: fedavg runs shows them, fedavg runs --stop-unfinished stops them.
        """;

    public const string Train = """
        usage: fedavg train [options]

          --preset NAME            reference (default) or recommended; the flags below override it
          --rounds N               federated rounds
          --clients N              simulated clients
          --partition KIND         dirichlet or iid
          --alpha A                Dirichlet concentration (smaller: more label skew)
          --clients-per-round N    clients trained each round (default: --fraction of --clients)
          --fraction F             share of clients trained each round
          --local-epochs N         epochs each client trains per round
          --batch-size N
          --lr LR                  client learning rate
          --lr-schedule KIND       constant or cosine
          --momentum M
          --weight-decay W
          --augment                random crop and flip during local training
          --model NAME             seed-cnn, ...
          --seed N
          --train-limit N          use only the first N training images
          --test-limit N           evaluate on only the first N test images
          --data DIR               CIFAR-10 binary folder (else FEDAVG_DATA, ./data/cifar-10-batches-bin, or download)
          --runs-dir DIR           where reports go (default ./runs)
          --json                   print only the final report as JSON
          --resume ID              wait for an unfinished run (after a crash or Ctrl+C) to finish

        Other unfinished runs in the same state resume alongside (a warning says so); see fedavg runs.
        """;

    public const string Worker = """
        usage: fedavg worker [--data DIR]

        Joins the task hub of the local state (the Azurite of a fedavg serve or train started in the same
        folder or FEDAVG_STATE, or the account AzureWebJobsStorage names) and runs activities (training,
        aggregation, evaluation) for its runs until Ctrl+C, printing one line per activity. The
        orchestrations stay with the serve or train that drives them; start as many workers as you like.
        A worker killed mid-activity loses nothing: the activity runs again elsewhere once its lock lapses.
        """;

    public const string Serve = """
        usage: fedavg serve [--port 7071] [--data DIR]

        Serves POST /api/train, GET /api/runs/{id}, POST /api/predict and the Durable Functions status
        routes under /runtime/webhooks/durabletask on 127.0.0.1 (FEDAVG_LISTEN=0.0.0.0 listens on every
        interface, as the container image does); OpenAPI at /openapi/v1.json, docs at /docs.
        Unfinished runs resume on start (fedavg runs lists them; --stop-unfinished stops them).
        """;

    public const string Predict = """
        usage: fedavg predict IMAGE [--run ID] [--json]

        Classifies a PNG or JPEG image with the final model of run ID (default: the latest completed run).
        """;

    public const string Partition = """
        usage: fedavg partition [--clients N] [--alpha A] [--partition dirichlet|iid] [--seed N] [--train-limit N] [--data DIR] [--json]

        Prints how many training images of each class every client gets.
        """;

    public const string Bench = """
        usage: fedavg bench [--config reference,default] [--data DIR] [--out bench/results]
                            [--rounds N] [--train-limit N] [--test-limit N]

        Runs each configuration end to end through the local durable engine (Azurite + the Azure
        Storage backend) on the real CIFAR-10 data, one after another, and writes for each
        <out>/<name>.json (per round: test accuracy and loss, wall time, time in training, blob
        transfer, aggregation, evaluation and orchestration overhead, images/s, resident memory)
        and <out>/<name>.png, plus <out>/accuracy.png comparing them. A full run of both takes
        about an hour on 2 cores. --rounds and the limits shorten a run for a quick check.

        configurations:
          reference   the reference service's experiment exactly (seed-cnn, 5 clients, alpha 0.5,
                      3 clients a round, 7 local epochs, batch 64, SGD lr 0.03 momentum 0.9, 10 rounds)
          default     our recommended recipe for the same clients and rounds (preset "recommended")

        Refuses to start (exit 2) while other runs are unfinished in the same state: they would resume
        and share the CPU. Stop them with fedavg runs --stop-unfinished, or point FEDAVG_STATE elsewhere.
        """;

    public const string Runs = """
        usage: fedavg runs [--json]
               fedavg runs --stop ID [--stop ID ...]
               fedavg runs --stop-unfinished

        Lists the runs in the local state (./.azurite, or FEDAVG_STATE), newest first: id, status
        (Running, Pending, Suspended, Completed, Failed, Terminated), when it was created, the request
        (rounds, clients a round of all clients, local epochs, model) and how far it got. --json prints
        them as a JSON array, with the whole request.

        An unfinished run resumes in every later fedavg serve, train or bench and shares the CPU.
        --stop terminates the named runs, --stop-unfinished every unfinished one; the work they had
        already queued is skipped wherever it is delivered, now or in a later engine, and no other run
        resumes in this command meanwhile. An unknown id exits 2 before anything is stopped; a run
        that has already finished is left as it is (exit 0).
        """;
}
