using FedAvg.Common.Data;

namespace FedAvg.Common.Shards;

/// <summary>A client's shard cut in two by <see cref="HeldOutSplit"/>: what it trains on, and what only evaluates it.</summary>
public sealed record ShardSplit(CifarDataset Train, CifarDataset HeldOut);
