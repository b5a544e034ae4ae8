using MapDsl.Runtime.Campaigns;

namespace DifferentialMapping;

/// <summary>Everything that determines a run of the experiment. The defaults are the README's Quick start run.</summary>
/// <param name="OutputFolder">Where trials.csv, summary.csv, the plot and the report go.</param>
/// <param name="DataFolder">Fashion-MNIST IDX folder, or null for the shipped slice.</param>
/// <param name="WeightsPath">The trained LeNet-5, or null for models/lenet5.safetensors.</param>
/// <param name="Chips">Chips (fault-map seeds 1..Chips) per rate.</param>
/// <param name="LowestRate">Lowest stuck-on cell rate of the grid.</param>
/// <param name="HighestRate">Highest stuck-on cell rate of the grid.</param>
/// <param name="PointsPerDecade">Grid points per decade of rate.</param>
/// <param name="MixedFaults">The stuck-off rule of the second, mixed-fault campaign, or null to skip it.</param>
/// <param name="TestImages">Test images evaluated per trial (the first ones of the test set), or null for all.</param>
/// <param name="TrainImages">Training images for fine-tuning (the first ones), or null for all.</param>
/// <param name="FineTuneEpochs">Epochs of masked fine-tuning after pruning.</param>
/// <param name="FineTuneLearningRate">SGD learning rate of the fine-tuning.</param>
/// <param name="Seed">Seed of the fine-tuning's shuffles.</param>
/// <param name="Shard">The part of the trials this run does, or null for all.</param>
/// <param name="Workers">Threads evaluating trials.</param>
internal sealed record ExperimentSettings(
    string OutputFolder,
    string? DataFolder,
    string? WeightsPath,
    int Chips,
    double LowestRate,
    double HighestRate,
    int PointsPerDecade,
    FaultMix? MixedFaults,
    int? TestImages,
    int? TrainImages,
    int FineTuneEpochs,
    float FineTuneLearningRate,
    int Seed,
    ShardSpec? Shard,
    int Workers)
{
    /// <summary>The stuck-on only campaign writes into the output folder itself; the mixed one into this subfolder.</summary>
    public const string MixedSubfolder = "mixed";

    /// <summary>The fine-tuned networks go here, one .safetensors per sparsity, so shards and reruns share them.</summary>
    public string ModelsFolder => Path.Combine(OutputFolder, "models");
}
