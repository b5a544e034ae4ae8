using System.Globalization;
using Lab.LeNet;
using MapDsl.Runtime.Tiles;
using Spectre.Console;

namespace MapLeNet;

/// <summary>The tables the example prints.</summary>
internal static class Report
{
    /// <summary>The tile plan of both mappings: all of it constants of the generated code.</summary>
    public static Table TilePlan(IReadOnlyList<LayerPlan> twoColumn, IReadOnlyList<LayerPlan> differential)
    {
        var table = new Table()
            .Title($"LeNet-5 on {Rram128.Name} ({Rram128.Rows} x {Rram128.Columns} cells): tile plan")
            .AddColumns("layer", "crossbar matrix", "two-column tiles", "differential tiles", "pruning");
        foreach (var (tc, dm) in twoColumn.Zip(differential))
        {
            table.AddRow(tc.Layer, $"{tc.Plan.MatrixRows} x {tc.Plan.MatrixColumns}", Tiles(tc.Plan), Tiles(dm.Plan), tc.Pruning);
        }

        return table.Caption($"{TC.TileCount} + {DM.TileCount} tiles; {TC.WeightsPerTileRow} weights per tile row ({TC.CellsPerWeight} cells per weight)");
    }

    /// <summary>Per layer: sparsity, w_max and the read-back error relative to w_max.</summary>
    public static Table ReadBackError(string mapping, LeNet5.Weights pruned, LeNet5.Weights readBack)
    {
        var table = new Table().Title($"read back, {mapping}").AddColumns("layer", "weights", "zeros", "w_max", "RMS error / w_max", "max error / w_max");
        foreach (var layer in LeNet5.WeightedLayerNames)
        {
            var expected = pruned.WeightsOf(layer);
            var actual = readBack.WeightsOf(layer);
            var wMax = expected.Max(w => Math.Abs(w));
            var errors = expected.Zip(actual, (e, a) => (double)a - e).ToArray();
            var rms = Math.Sqrt(errors.Average(e => e * e));
            table.AddRow(
                layer,
                expected.Length.ToString(CultureInfo.InvariantCulture),
                $"{100.0 * expected.Count(w => w == 0) / expected.Length:0.0}%",
                wMax.ToString("0.0000", CultureInfo.InvariantCulture),
                (rms / wMax).ToString("0.00000", CultureInfo.InvariantCulture),
                (errors.Max(Math.Abs) / wMax).ToString("0.00000", CultureInfo.InvariantCulture));
        }

        return table;
    }

    private static string Tiles(TilePlan plan) => $"{plan.TilesAlongRows} x {plan.TilesAlongColumns} = {plan.TileCount}";
}
