namespace FedAvg.Common.Orchestration;

public sealed record EvaluateInput(string RunId, int Round, string Model, string GlobalModelBlob, int? TestLimit);

public sealed record EvaluateResult(int Samples, double Accuracy, double Loss, double[] PerClassAccuracy, double Seconds, ActivityTiming Timing);
