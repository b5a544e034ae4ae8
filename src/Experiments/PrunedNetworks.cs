using MapDsl.Runtime.Contract;
using MapDsl.Runtime.Data;
using MapDsl.Runtime.Engine.Graph;
using MapDsl.Runtime.Engine.Training;
using MapDsl.Runtime.Evaluation;
using MapDsl.Runtime.Interchange;
using Spectre.Console;

namespace MapDsl.Experiments;

/// <summary>
/// The networks a campaign over pruned mappings programs: the trained network (for unpruned mappings) and one pruned,
/// fine-tuned copy per pruning (masked fine-tuning: pruned weights stay 0). Fine-tuned networks are saved under the
/// models folder with their settings in the metadata and reused when a later run (a resumed campaign, another shard)
/// asks for the same settings, so every trial of a campaign sees the same weights.
/// </summary>
/// <typeparam name="TWeights">The network's generated weights type.</typeparam>
public sealed class PrunedNetworks<TWeights>
    where TWeights : class, INetworkWeights<TWeights>
{
    private readonly TWeights _trained;
    private readonly Dictionary<string, TWeights> _byPruning;

    private PrunedNetworks(TWeights trained, Dictionary<string, TWeights> byPruning, ImageSet test, IReadOnlyList<PruningRow> rows)
    {
        _trained = trained;
        _byPruning = byPruning;
        Test = test;
        Rows = rows;
    }

    /// <summary>The images every trial is evaluated on.</summary>
    public ImageSet Test { get; }

    /// <summary>Accuracy before and after pruning and fine-tuning: "none" first, then one row per pruning.</summary>
    public IReadOnlyList<PruningRow> Rows { get; }

    /// <summary>The network a mapping with this pruning programs: the fine-tuned one, or the trained one for null.</summary>
    /// <param name="pruning">The mapping's pruning.</param>
    /// <returns>The weights.</returns>
    public TWeights For(IPruning? pruning) => pruning is null ? _trained : _byPruning[pruning.Name];

    /// <summary>Prunes and fine-tunes (or reloads) one network per pruning, printing each step and the accuracies.</summary>
    /// <param name="trained">The trained network.</param>
    /// <param name="prunings">The prunings, e.g. the generated <c>N.Prunings</c>.</param>
    /// <param name="train">The training images.</param>
    /// <param name="test">The test images.</param>
    /// <param name="settings">The experiment's settings: fine-tuning, models folder, the trained network's name.</param>
    /// <param name="console">Progress and the table of accuracies.</param>
    /// <param name="cancel">Ctrl-C: stops between fine-tuning batches with <see cref="OperationCanceledException"/>.</param>
    /// <returns>The networks.</returns>
    public static PrunedNetworks<TWeights> Prepare(
        TWeights trained, IEnumerable<IPruning<TWeights>> prunings, ImageSet train, ImageSet test, ExperimentSettings settings, IAnsiConsole console, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var byPruning = new Dictionary<string, TWeights>();
        var trainedAccuracy = TestAccuracy.Of(trained, test);
        var rows = new List<PruningRow> { new("none", Sparsity(trained), trainedAccuracy, trainedAccuracy, trainedAccuracy) };
        Directory.CreateDirectory(settings.ModelsFolder);
        foreach (var pruning in prunings)
        {
            // A mapping folds the batch norms into their layers and then prunes, so the masks are chosen on the folded
            // weights (the same object for a network without batch norms) and held on the unfolded ones, which
            // fine-tuning trains together with the batch norms: the mapping's pruning then removes exactly the zeros.
            var keep = pruning.Keep(BatchNormFolding.Folded(trained));
            var pruned = Masked(trained, keep);
            var fineTuned = FineTuned(pruned, keep, pruning, train, settings, console, cancel);
            byPruning[pruning.Name] = fineTuned;
            rows.Add(new PruningRow(pruning.Name, Sparsity(fineTuned), trainedAccuracy, TestAccuracy.Of(pruned, test), TestAccuracy.Of(fineTuned, test)));
        }

        console.Write(PruningTables.Console(rows));
        return new PrunedNetworks<TWeights>(trained, byPruning, test, rows);
    }

    /// <summary>A copy of <paramref name="weights"/> with the weights the masks do not keep set to 0.</summary>
    /// <param name="weights">The weights.</param>
    /// <param name="keep">One keep-mask per weighted layer in network order.</param>
    /// <returns>The copy.</returns>
    private static TWeights Masked(TWeights weights, IReadOnlyList<bool[]> keep)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(keep);
        var masked = weights.Clone();
        for (int l = 0; l < masked.LayerNames.Count; l++)
        {
            Masks.Apply(masked.WeightsOf(masked.LayerNames[l]), keep[l]);
        }

        return masked;
    }

    private static TWeights FineTuned(
        TWeights pruned, IReadOnlyList<bool[]> keep, IPruning<TWeights> pruning, ImageSet train, ExperimentSettings settings, IAnsiConsole console, CancellationToken cancel)
    {
        var path = Path.Combine(settings.ModelsFolder, $"{pruning.Name.ToLowerInvariant()}.safetensors");
        var metadata = new Dictionary<string, string> { ["pruning"] = pruning.Name, ["fine_tuning"] = settings.Training.Describe(train, settings.Weights) };
        if (File.Exists(path) && SafeTensors.ReadMetadata(path) is var stored && metadata.All(pair => stored.TryGetValue(pair.Key, out var value) && value == pair.Value))
        {
            console.MarkupLine($"{pruning.Name}: re-using the fine-tuned network in {Markup.Escape(path)}");
            return TWeights.LoadSafetensors(path);
        }

        var tuned = pruned.Clone();
        if (settings.Training.Epochs > 0)
        {
            MaskedTrainer.FineTune(
                tuned,
                keep,
                train,
                settings.Training.Options,
                (epoch, loss) => console.MarkupLine(Markup.Escape(FormattableString.Invariant($"{pruning.Name}: fine-tuning epoch {epoch}/{settings.Training.Epochs}, mean loss {loss:0.0000}"))),
                cancel);
        }

        tuned.SaveSafetensors(path, metadata);
        return tuned;
    }

    private static double Sparsity(TWeights weights)
    {
        var all = weights.LayerNames.SelectMany(weights.WeightsOf).ToArray();
        return (double)all.Count(w => w == 0) / all.Length;
    }
}
