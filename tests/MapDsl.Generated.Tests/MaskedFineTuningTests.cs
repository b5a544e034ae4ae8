using System.Runtime.InteropServices;
using MapDsl.Runtime.Data;
using MapDsl.Runtime.Engine.Training;
using Test.Pruning;

namespace MapDsl.Generated.Tests;

/// <summary>
/// Every pruning kind of Xmap/pruning.xmap on the shipped LeNet-5 and data slice: the generated Keep masks have the
/// declared sparsity and structure, and one epoch of masked fine-tuning (MaskedTrainer through the generated
/// Model.Loss) recovers accuracy lost to pruning while pruned weights stay exactly 0; a seed gives the same bits.
/// Kept small for speed: 2,000 training images, 500 test images.
/// </summary>
public class MaskedFineTuningTests
{
    private static readonly Lazy<(LeNet5.Weights Trained, ImageSet Train, ImageSet Test)> Data = new(() =>
        (LeNet5.Weights.LoadSafetensors(ShippedLeNet5()), Datasets.FashionTrain().Take(2000), Datasets.FashionTest().Take(500)));

    private static readonly (int Rows, int Columns, int KernelSize)[] Geometry =
    [
        (LeNet5.C1.MatrixRows, LeNet5.C1.MatrixColumns, 25),
        (LeNet5.C2.MatrixRows, LeNet5.C2.MatrixColumns, 25),
        (LeNet5.F1.MatrixRows, LeNet5.F1.MatrixColumns, 0),
        (LeNet5.F2.MatrixRows, LeNet5.F2.MatrixColumns, 0),
        (LeNet5.F3.MatrixRows, LeNet5.F3.MatrixColumns, 0),
    ];

    private static readonly Dictionary<string, (Func<LeNet5.Weights, bool[][]> Keep, Func<LeNet5.Weights, LeNet5.Weights> Apply, PruningRule[] Rules)> Declarations = new()
    {
        [Unstructured.Name] = (
            w => [Unstructured.KeepC1(w.C1), Unstructured.KeepC2(w.C2), Unstructured.KeepF1(w.F1), Unstructured.KeepF2(w.F2), Unstructured.KeepF3(w.F3)],
            Unstructured.Apply,
            [.. Enumerable.Repeat(new PruningRule("unstructured", 0.9), 5)]),
        [Rows.Name] = (
            w => [Rows.KeepC1(w.C1), Rows.KeepC2(w.C2), Rows.KeepF1(w.F1), Rows.KeepF2(w.F2), Rows.KeepF3(w.F3)],
            Rows.Apply,
            [PruningRule.None, .. Enumerable.Repeat(new PruningRule("rows", 0.6), 4)]),
        [Columns.Name] = (
            w => [Columns.KeepC1(w.C1), Columns.KeepC2(w.C2), Columns.KeepF1(w.F1), Columns.KeepF2(w.F2), Columns.KeepF3(w.F3)],
            Columns.Apply,
            [.. Enumerable.Repeat(new PruningRule("columns", 0.6), 4), PruningRule.None]),
        [Blocks.Name] = (
            w => [Blocks.KeepC1(w.C1), Blocks.KeepC2(w.C2), Blocks.KeepF1(w.F1), Blocks.KeepF2(w.F2), Blocks.KeepF3(w.F3)],
            Blocks.Apply,
            [PruningRule.None, .. Enumerable.Repeat(new PruningRule("blocks", 0.75, 8, 8), 4)]),
        [Patterns.Name] = (
            w => [Patterns.KeepC1(w.C1), Patterns.KeepC2(w.C2), Patterns.KeepF1(w.F1), Patterns.KeepF2(w.F2), Patterns.KeepF3(w.F3)],
            Patterns.Apply,
            [new PruningRule("pattern", A: 5), new PruningRule("pattern", A: 4), .. Enumerable.Repeat(new PruningRule("n:m", A: 1, B: 8), 3)]),
        [OneOfFour.Name] = (
            w => [OneOfFour.KeepC1(w.C1), OneOfFour.KeepC2(w.C2), OneOfFour.KeepF1(w.F1), OneOfFour.KeepF2(w.F2), OneOfFour.KeepF3(w.F3)],
            OneOfFour.Apply,
            [.. Enumerable.Repeat(new PruningRule("n:m", A: 1, B: 4), 5)]),
    };

    public static TheoryData<string> Kinds() => [.. Declarations.Keys];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Masks_have_the_declared_sparsity_and_Apply_zeroes_exactly_them(string declaration)
    {
        var (keep, apply, rules) = Declarations[declaration];
        var trained = Data.Value.Trained;
        var masks = keep(trained);
        var pruned = apply(trained);

        for (var l = 0; l < masks.Length; l++)
        {
            var layer = LeNet5.WeightedLayerNames[l];
            var (rows, columns, kernelSize) = Geometry[l];
            masks[l].Count(k => !k).ShouldBe(rules[l].CheckAndCountPruned(masks[l], rows, columns, kernelSize), $"pruned weights of {layer}");
            var weights = pruned.WeightsOf(layer);
            Enumerable.Range(0, weights.Length).ShouldAllBe(i => masks[l][i] ? weights[i] == trained.WeightsOf(layer)[i] : weights[i] == 0f, $"Apply on {layer}");
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Fine_tuning_recovers_accuracy_and_keeps_pruned_weights_at_zero(string declaration)
    {
        var (keep, apply, _) = Declarations[declaration];
        var (trained, train, test) = Data.Value;
        var masks = keep(trained);
        var pruned = apply(trained);
        var prunedAccuracy = Accuracy(pruned, test);

        var tuned = FineTune(pruned, masks, train, seed: 1, out var losses);

        losses.Length.ShouldBe(1);
        Accuracy(tuned, test).ShouldBeGreaterThan(prunedAccuracy, $"{declaration}: pruned {prunedAccuracy:P1}");
        for (var l = 0; l < masks.Length; l++)
        {
            var weights = tuned.WeightsOf(LeNet5.WeightedLayerNames[l]);
            var before = pruned.WeightsOf(LeNet5.WeightedLayerNames[l]);
            Enumerable.Range(0, weights.Length).Where(i => !masks[l][i]).ShouldAllBe(i => BitConverter.SingleToInt32Bits(weights[i]) == 0, "pruned weights are +0");
            Enumerable.Range(0, weights.Length).Count(i => masks[l][i] && weights[i] != before[i]).ShouldBeGreaterThan(0, "kept weights learn");
        }
    }

    [Theory]
    [InlineData("Patterns")]
    [InlineData("Blocks")]
    public void Fine_tuning_is_bit_identical_for_a_seed(string declaration)
    {
        var (keep, apply, _) = Declarations[declaration];
        var (trained, train, _) = Data.Value;
        var masks = keep(trained);
        var train500 = train.Take(500);

        var first = FineTune(apply(trained), masks, train500, seed: 7, out _);
        var second = FineTune(apply(trained), masks, train500, seed: 7, out _);
        var otherSeed = FineTune(apply(trained), masks, train500, seed: 8, out _);

        foreach (var layer in LeNet5.WeightedLayerNames)
        {
            Bits(second.WeightsOf(layer)).ShouldBe(Bits(first.WeightsOf(layer)), $"weights of {layer}");
            Bits(second.BiasOf(layer)).ShouldBe(Bits(first.BiasOf(layer)), $"biases of {layer}");
        }

        LeNet5.WeightedLayerNames.Any(l => !Bits(otherSeed.WeightsOf(l)).SequenceEqual(Bits(first.WeightsOf(l)))).ShouldBeTrue("another seed shuffles differently");
    }

    private static LeNet5.Weights FineTune(LeNet5.Weights pruned, bool[][] masks, ImageSet train, int seed, out double[] losses)
    {
        var weights = pruned.Clone();
        var gradients = new LeNet5.Weights();
        var model = new LeNet5.Model(32);
        var layers = TrainableLayer.From(
            LeNet5.WeightedLayerNames, weights.WeightsOf, weights.BiasOf, gradients.WeightsOf, gradients.BiasOf,
            layer => masks[LeNet5.WeightedLayerNames.ToList().IndexOf(layer)]);
        losses = MaskedTrainer.Train(
            layers, (pixels, labels, batch) => model.Loss(pixels, labels, batch, weights, gradients), train,
            new TrainingOptions(Epochs: 1, LearningRate: 0.01f, Momentum: 0.9f, BatchSize: 32, Seed: seed));
        return weights;
    }

    private static double Accuracy(LeNet5.Weights weights, ImageSet test)
    {
        var model = new LeNet5.Model(250);
        var correct = 0;
        for (var start = 0; start < test.Count; start += 250)
        {
            var count = Math.Min(250, test.Count - start);
            correct += model.CountCorrect(test.Pixels.AsSpan(start * test.PixelsPerImage, count * test.PixelsPerImage), test.Labels.AsSpan(start, count), count, weights);
        }

        return (double)correct / test.Count;
    }

    private static string ShippedLeNet5()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MapDsl.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new DirectoryNotFoundException("MapDsl.sln not found above the test binaries"), "models", "lenet5.safetensors");
    }

    private static int[] Bits(float[] values) => MemoryMarshal.Cast<float, int>(values).ToArray();
}
