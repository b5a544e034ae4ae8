using System.CommandLine;
using MapDsl.Runtime.Campaigns;
using MapDsl.Runtime.Data;

namespace MapDsl.Experiments;

/// <summary>Everything the standard options of an experiment's command line determine; see <see cref="CampaignExperiment{TPrepared}"/>.</summary>
/// <param name="OutputFolder">Where trials.csv, summary.csv, curves.csv, the plot and the report go.</param>
/// <param name="DataFolder">The data set's folder, or null for the data shipped with the repository.</param>
/// <param name="WeightsPath">The trained network given with --weights, or null for the experiment's default.</param>
/// <param name="Weights">The trained network as the report names it: <paramref name="WeightsPath"/> or the default.</param>
/// <param name="Chips">Chips (fault-map seeds 1..Chips) per rate.</param>
/// <param name="Grid">The fault rates swept.</param>
/// <param name="TestImages">Test images evaluated per trial (the first ones of the test set), or null for all.</param>
/// <param name="Training">How networks are (fine-)tuned.</param>
/// <param name="Shard">The part of the trials this run does, or null for all.</param>
/// <param name="Workers">Threads evaluating trials.</param>
/// <param name="CommandLine">The arguments the program was given, as one line (for the report).</param>
public sealed record ExperimentSettings(
    string OutputFolder,
    string? DataFolder,
    string? WeightsPath,
    string Weights,
    int Chips,
    RateGrid Grid,
    int? TestImages,
    TrainingSettings Training,
    ShardSpec? Shard,
    int Workers,
    string CommandLine)
{
    /// <summary>The parse of the command line, for the experiment's own options.</summary>
    internal ParseResult? Parsed { get; init; }

    /// <summary>Tuned networks go here, one .safetensors each, so that shards and resumed runs share them.</summary>
    public string ModelsFolder => Path.Combine(OutputFolder, "models");

    /// <summary>The value of one of the experiment's own options (<see cref="CampaignExperiment{TPrepared}.Options"/>).</summary>
    /// <typeparam name="T">The option's type.</typeparam>
    /// <param name="option">The option.</param>
    /// <returns>Its value, or its default when the command line does not give it.</returns>
    public T? Value<T>(Option<T> option) =>
        Parsed is { } parsed ? parsed.GetValue(option) : throw new InvalidOperationException("These settings were not parsed from a command line.");

    /// <summary>The test images a trial evaluates: the first <see cref="TestImages"/> of <paramref name="test"/>.</summary>
    /// <param name="test">The whole test set.</param>
    /// <returns>The images.</returns>
    public ImageSet TestSlice(ImageSet test) => First(test, TestImages);

    /// <summary>The training images tuning uses: the first <see cref="TrainingSettings.Images"/> of <paramref name="train"/>.</summary>
    /// <param name="train">The whole training set.</param>
    /// <returns>The images.</returns>
    public ImageSet TrainSlice(ImageSet train) => First(train, Training.Images);

    private static ImageSet First(ImageSet images, int? count) =>
        count is { } n && n < images.Count ? images.Slice(0, n) : images;
}
