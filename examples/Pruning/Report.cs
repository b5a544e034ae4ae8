using System.Globalization;
using System.Text;
using Spectre.Console;

namespace Pruning;

/// <summary>The table the example prints and the same numbers as CSV.</summary>
internal static class Report
{
    /// <summary>
    /// One column per declaration and one row per number, so that six declarations fit an 80-column terminal; the
    /// rules are listed in the caption.
    /// </summary>
    public static Table Table(IReadOnlyList<PruningResult> results, IReadOnlyList<string> layers, string caption)
    {
        var table = new Table()
            .Title("LeNet-5: test accuracy and sparsity per pruning kind (masked fine-tuning)")
            .AddColumn("");
        foreach (var result in results)
        {
            table.AddColumn(new TableColumn(Markup.Escape(result.Declaration.Name)).RightAligned());
        }

        void Row(string label, Func<PruningResult, string> cell) => table.AddRow([label, .. results.Select(cell)]);
        Row("acc. trained", r => P(r.TrainedAccuracy));
        Row("acc. pruned", r => P(r.PrunedAccuracy));
        Row("acc. tuned", r => $"[bold]{P(r.FineTunedAccuracy)}[/]");
        for (var l = 0; l < layers.Count; l++)
        {
            var layer = l;
            Row($"zeros {layers[l]}", r => P(r.LayerSparsity[layer]));
        }

        Row("zeros all", r => P(r.OverallSparsity));
        var rules = string.Join("\n", results.Select(r => $"{r.Declaration.Name}: {Rules(r.Declaration)}"));
        return table.Caption(Markup.Escape(rules + "\n" + caption));
    }

    /// <summary>Writes the table as CSV (fractions, not percentages), atomically: readers never see half a file.</summary>
    public static void WriteCsv(string path, IReadOnlyList<PruningResult> results, IReadOnlyList<string> layers)
    {
        var text = new StringBuilder();
        text.Append("pruning,kind,rules,trained_accuracy,pruned_accuracy,fine_tuned_accuracy");
        foreach (var layer in layers)
        {
            text.Append(",sparsity_").Append(layer);
        }

        text.Append(",sparsity_overall\n");
        foreach (var result in results)
        {
            text.Append(result.Declaration.Name).Append(',').Append(Kind(result.Declaration)).Append(",\"").Append(Rules(result.Declaration).Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            foreach (var value in (double[])[result.TrainedAccuracy, result.PrunedAccuracy, result.FineTunedAccuracy, .. result.LayerSparsity, result.OverallSparsity])
            {
                text.Append(',').Append(value.ToString("0.000000", CultureInfo.InvariantCulture));
            }

            text.Append('\n');
        }

        WriteAtomically(path, text.ToString());
    }

    // A temporary file in the same folder, then one rename over the target.
    private static void WriteAtomically(string path, string contents)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        MapDsl.Runtime.IO.AtomicFile.WriteText(path, contents);
    }

    private static string P(double fraction) => (100 * fraction).ToString("0.00", CultureInfo.InvariantCulture) + "%";

    /// <summary>The pruning kind a declaration demonstrates: the first word of its first rule that prunes.</summary>
    private static string Kind(MapDsl.Runtime.Contract.IPruning pruning) =>
        pruning.Layers.Select(l => l.Rule).FirstOrDefault(r => r != "none")?.Split(' ')[0] ?? "none";

    /// <summary>The rule of every layer, e.g. "c1: none; c2: rows 60%; ...".</summary>
    private static string Rules(MapDsl.Runtime.Contract.IPruning pruning) =>
        string.Join("; ", pruning.Layers.Select(l => $"{l.Layer}: {l.Rule}"));
}
