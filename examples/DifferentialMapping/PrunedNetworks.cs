using System.Globalization;
using Lab.Differential;
using MapDsl.Runtime.Data;
using MapDsl.Runtime.Engine.Training;
using Spectre.Console;

namespace DifferentialMapping;

/// <summary>
/// The networks the campaign maps: the trained LeNet-5 itself (0% sparsity) and one pruned, fine-tuned copy per
/// pruning of differential.xmap. Fine-tuned networks are saved under the models folder with their settings in the
/// metadata and re-used when a later run (a resumed campaign, another shard) asks for the same settings, so every
/// trial of a campaign sees the same weights.
/// </summary>
internal sealed class PrunedNetworks
{
    private readonly Dictionary<int, LeNet5.Weights> _bySparsity;

    private PrunedNetworks(Dictionary<int, LeNet5.Weights> bySparsity, IReadOnlyList<PruningRow> rows)
    {
        _bySparsity = bySparsity;
        Rows = rows;
    }

    /// <summary>Accuracy before and after pruning and fine-tuning, one row per pruning.</summary>
    public IReadOnlyList<PruningRow> Rows { get; }

    /// <summary>The network for a sparsity level of differential.xmap (0 = unpruned).</summary>
    public LeNet5.Weights Weights(int sparsityPercent) => _bySparsity[sparsityPercent];

    public static PrunedNetworks Prepare(
        LeNet5.Weights trained, ImageSet train, ImageSet test, ExperimentSettings settings, IAnsiConsole console, CancellationToken cancel)
    {
        var bySparsity = new Dictionary<int, LeNet5.Weights> { [0] = trained };
        var trainedAccuracy = Accuracy(trained, test);
        var rows = new List<PruningRow> { new("none", Sparsity(trained), trainedAccuracy, trainedAccuracy, trainedAccuracy) };
        Directory.CreateDirectory(settings.ModelsFolder);
        foreach (var pruning in PruningBinding.All)
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

            bySparsity[pruning.SparsityPercent] = fineTuned;
            rows.Add(new PruningRow(pruning.Name, Sparsity(fineTuned), trainedAccuracy, prunedAccuracy, Accuracy(fineTuned, test)));
        }

        return new PrunedNetworks(bySparsity, rows);
    }

    /// <summary>Test accuracy of a network on the test images.</summary>
    public static double Accuracy(LeNet5.Weights weights, ImageSet test)
    {
        var model = new LeNet5.Model(250);
        var correct = 0;
        for (var start = 0; start < test.Count; start += 250)
        {
            var part = test.Slice(start, Math.Min(250, test.Count - start));
            correct += model.CountCorrect(part.Pixels, part.Labels, part.Count, weights);
        }

        return (double)correct / test.Count;
    }

    private static LeNet5.Weights FineTuneWithMask(
        LeNet5.Weights pruned, bool[][] keep, ImageSet train, ExperimentSettings settings, IAnsiConsole console, string name, CancellationToken cancel)
    {
        if (settings.FineTuneEpochs == 0)
        {
            return pruned.Clone();
        }

        var tuned = pruned.Clone();
        var gradients = new LeNet5.Weights();
        var model = new LeNet5.Model(32);
        var layers = LeNet5.WeightedLayerNames;
        var trainable = TrainableLayer.From(layers, tuned.WeightsOf, tuned.BiasOf, gradients.WeightsOf, gradients.BiasOf, layer => keep[IndexOf(layers, layer)]);
        var options = new TrainingOptions(settings.FineTuneEpochs, settings.FineTuneLearningRate, Momentum: 0.9f, BatchSize: 32, Seed: settings.Seed, Nesterov: true);
        MaskedTrainer.Train(
            trainable,
            (pixels, labels, batch) => model.Loss(pixels, labels, batch, tuned, gradients),
            train,
            options,
            (epoch, loss) => console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{name}: fine-tuning epoch {epoch}/{settings.FineTuneEpochs}, mean loss {loss:0.0000}"))),
            cancel: cancel);
        return tuned;
    }

    private static int IndexOf(IReadOnlyList<string> layers, string layer)
    {
        for (var i = 0; i < layers.Count; i++)
        {
            if (layers[i] == layer)
            {
                return i;
            }
        }

        throw new ArgumentException($"No weighted layer '{layer}'.", nameof(layer));
    }

    private static Dictionary<string, string> Metadata(PruningBinding pruning, ImageSet train, ExperimentSettings settings) => new()
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
