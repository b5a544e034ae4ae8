using System.Globalization;
using Lab.LeNet;
using MapDsl.Runtime.Data;
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

    /// <summary>
    /// The same chips (fault-map seeds) under both schemes at the rates of StuckOnHeavy: per layer, the
    /// read-back error against the pruned weights, and how often a pruned (zero) weight no longer reads 0.
    /// </summary>
    public static Table FaultyReadBack(LeNet5.Weights pruned, IReadOnlyList<(LeNet5.Weights TwoColumn, LeNet5.Weights Differential)> faultyChips)
    {
        var chips = faultyChips.Count;
        var table = new Table()
            .Title($"{chips} chips with faults {StuckOnHeavy.Name} (stuck-on {StuckOnHeavy.StuckOn:P1}, stuck-off {StuckOnHeavy.StuckOff:P1} of cells), mean over chips")
            .AddColumns("layer", "two-column RMS error / w_max", "differential RMS error / w_max", "two-column zeros broken", "differential zeros broken");
        var sums = new Dictionary<string, double[]>();
        foreach (var (twoColumn, differential) in faultyChips)
        {
            foreach (var layer in LeNet5.WeightedLayerNames)
            {
                var expected = pruned.WeightsOf(layer);
                var wMax = expected.Max(w => Math.Abs(w));
                var sum = sums.TryGetValue(layer, out var s) ? s : sums[layer] = new double[4];
                sum[0] += Rms(expected, twoColumn.WeightsOf(layer)) / wMax;
                sum[1] += Rms(expected, differential.WeightsOf(layer)) / wMax;
                sum[2] += BrokenZeros(expected, twoColumn.WeightsOf(layer));
                sum[3] += BrokenZeros(expected, differential.WeightsOf(layer));
            }
        }

        foreach (var (layer, sum) in sums)
        {
            table.AddRow(layer, F(sum[0] / chips), F(sum[1] / chips), P(sum[2] / chips), P(sum[3] / chips));
        }

        return table.Caption("a zero is broken when it reads back as more than half a conductance step away from 0");
    }

    /// <summary>Test accuracy of the trained network, pruned, mapped, and on the faulty chips (mean and worst chip).</summary>
    public static Table Accuracy(
        ImageSet test, LeNet5.Weights trained, LeNet5.Weights pruned, LeNet5.Weights twoColumn, LeNet5.Weights differential,
        IReadOnlyList<(LeNet5.Weights TwoColumn, LeNet5.Weights Differential)> faultyChips)
    {
        var model = new LeNet5.Model(250);
        double Accuracy(LeNet5.Weights weights)
        {
            var correct = 0;
            for (var start = 0; start < test.Count; start += 250)
            {
                var part = test.Slice(start, Math.Min(250, test.Count - start));
                correct += model.CountCorrect(part.Pixels, part.Labels, part.Count, weights);
            }

            return (double)correct / test.Count;
        }

        var tc = faultyChips.Select(c => Accuracy(c.TwoColumn)).ToList();
        var dm = faultyChips.Select(c => Accuracy(c.Differential)).ToList();
        return new Table()
            .Title($"test accuracy on {test.Count} images ({test.Source})")
            .AddColumns("weights", "accuracy")
            .AddRow("trained (float)", P(Accuracy(trained)))
            .AddRow("pruned by Sparse, no fine-tuning", P(Accuracy(pruned)))
            .AddRow("two-column chip, no faults", P(Accuracy(twoColumn)))
            .AddRow("differential chip, no faults", P(Accuracy(differential)))
            .AddRow($"two-column, {faultyChips.Count} faulty chips: mean (worst)", $"{P(tc.Average())} ({P(tc.Min())})")
            .AddRow($"differential, {faultyChips.Count} faulty chips: mean (worst)", $"{P(dm.Average())} ({P(dm.Min())})");
    }

    private static double Rms(float[] expected, float[] actual) =>
        Math.Sqrt(expected.Zip(actual, (e, a) => ((double)a - e) * ((double)a - e)).Average());

    // Fraction of the pruned weights that the faulty chip no longer computes as 0 (beyond half a level step).
    private static double BrokenZeros(float[] expected, float[] actual)
    {
        var wMax = expected.Max(w => Math.Abs(w));
        var halfStep = 0.5 * wMax / (Rram128.Levels - 1);
        var zeros = 0;
        var broken = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            if (expected[i] == 0)
            {
                zeros++;
                broken += Math.Abs(actual[i]) > halfStep ? 1 : 0;
            }
        }

        return zeros == 0 ? 0 : (double)broken / zeros;
    }

    private static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    private static string P(double fraction) => (100 * fraction).ToString("0.00", CultureInfo.InvariantCulture) + "%";

    private static string Tiles(TilePlan plan) => $"{plan.TilesAlongRows} x {plan.TilesAlongColumns} = {plan.TileCount}";
}
