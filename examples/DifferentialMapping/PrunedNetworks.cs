using System.Globalization;
using Lab.Differential;
using MapDsl.Runtime.Contract;
using MapDsl.Runtime.Data;
using MapDsl.Runtime.Engine.Training;
using MapDsl.Runtime.Evaluation;
using Spectre.Console;

namespace DifferentialMapping;

/// <summary>
/// The networks the campaign maps: the trained LeNet-5 itself (for the unpruned mappings) and one pruned, fine-tuned
/// copy per pruning of differential.xmap (for the mappings that name it). Fine-tuned networks are saved under the models folder with their settings in the
/// metadata and re-used when a later run (a resumed campaign, another shard) asks for the same settings, so every
/// trial of a campaign sees the same weights.
/// </summary>
internal sealed class PrunedNetworks
{
    private readonly LeNet5.Weights _trained;
    private readonly Dictionary<string, LeNet5.Weights> _byPruning;

    private PrunedNetworks(LeNet5.Weights trained, Dictionary<string, LeNet5.Weights> byPruning, IReadOnlyList<PruningRow> rows)
    {
        _trained = trained;
        _byPruning = byPruning;
        Rows = rows;
    }

    /// <summary>Accuracy before and after pruning and fine-tuning, one row per pruning.</summary>
    public IReadOnlyList<PruningRow> Rows { get; }

    /// <summary>The network a mapping with this pruning programs: the fine-tuned one, or the trained one for null.</summary>
    public LeNet5.Weights For(IPruning? pruning) => pruning is null ? _trained : _byPruning[pruning.Name];

    public static PrunedNetworks Prepare(
        LeNet5.Weights trained, ImageSet train, ImageSet test, ExperimentSettings settings, IAnsiConsole console, CancellationToken cancel)
    {
        var byPruning = new Dictionary<string, LeNet5.Weights>();
        var trainedAccuracy = Accuracy(trained, test);
        var rows = new List<PruningRow> { new("none", Sparsity(trained), trainedAccuracy, trainedAccuracy, trainedAccuracy) };
        Directory.CreateDirectory(settings.ModelsFolder);
        foreach (var pruning in LeNet5.Prunings)
        {
            var path = Path.Combine(settings.ModelsFolder, $"{pruning.Name.ToLowerInvariant()}.safetensors");
            var metadata = Metadata(pruning, train, settings);
            var pruned = pruning.Apply(trained);
            var prunedAccuracy = Accuracy(pruned, test);
            LeNet5.Weights fineTuned;
            if (File.Exists(path) && SameSettings(path, metadata))
            {
                fineTuned = LeNet5.Weights.LoadSafetensors(path);
                console.MarkupLine($"{pruning.Name}: re-using the fine-tuned network in {Markup.Escape(path)}");
            }
            else
            {
                fineTuned = FineTuneWithMask(pruned, pruning.Keep(trained), train, settings, console, pruning.Name, cancel);
                fineTuned.SaveSafetensors(path, metadata);
            }

            byPruning[pruning.Name] = fineTuned;
            rows.Add(new PruningRow(pruning.Name, Sparsity(fineTuned), trainedAccuracy, prunedAccuracy, Accuracy(fineTuned, test)));
        }

        return new PrunedNetworks(trained, byPruning, rows);
    }

    /// <summary>Test accuracy of a network on the test images.</summary>
    public static double Accuracy(LeNet5.Weights weights, ImageSet test) => TestAccuracy.Of(weights, test);

    private static LeNet5.Weights FineTuneWithMask(
        LeNet5.Weights pruned, IReadOnlyList<bool[]> keep, ImageSet train, ExperimentSettings settings, IAnsiConsole console, string name, CancellationToken cancel)
    {
        var tuned = pruned.Clone();
        if (settings.FineTuneEpochs == 0)
        {
            return tuned;
        }

        var options = new TrainingOptions(settings.FineTuneEpochs, settings.FineTuneLearningRate, Momentum: 0.9f, BatchSize: 32, Seed: settings.Seed, Nesterov: true);
        MaskedTrainer.FineTune(
            tuned,
            keep,
            train,
            options,
            (epoch, loss) => console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{name}: fine-tuning epoch {epoch}/{settings.FineTuneEpochs}, mean loss {loss:0.0000}"))),
            cancel);
        return tuned;
    }

    private static Dictionary<string, string> Metadata(IPruning pruning, ImageSet train, ExperimentSettings settings) => new()
    {
        ["pruning"] = pruning.Name,
        ["fine_tuning"] = string.Create(
            CultureInfo.InvariantCulture,
            $"masked SGD, {settings.FineTuneEpochs} epochs, lr {settings.FineTuneLearningRate:R}, momentum 0.9 Nesterov, batch 32, seed {settings.Seed}, {train.Count} images of {train.Source}, from {settings.WeightsPath ?? "models/lenet5.safetensors"}"),
    };

    private static bool SameSettings(string path, Dictionary<string, string> metadata)
    {
        var stored = MapDsl.Runtime.Interchange.SafeTensors.ReadMetadata(path);
        return metadata.All(pair => stored.TryGetValue(pair.Key, out var value) && value == pair.Value);
    }

    private static double Sparsity(LeNet5.Weights weights)
    {
        var all = LeNet5.WeightedLayerNames.SelectMany(weights.WeightsOf).ToArray();
        return (double)all.Count(w => w == 0) / all.Length;
    }
}

/// <summary>One pruning's effect on test accuracy.</summary>
/// <param name="Name">The pruning (or "none").</param>
/// <param name="AchievedSparsity">Fraction of all weights that are zero.</param>
/// <param name="TrainedAccuracy">The trained network.</param>
/// <param name="PrunedAccuracy">Right after pruning.</param>
/// <param name="FineTunedAccuracy">After masked fine-tuning.</param>
internal sealed record PruningRow(string Name, double AchievedSparsity, double TrainedAccuracy, double PrunedAccuracy, double FineTunedAccuracy);
