using Lab.LeNet;
using MapDsl.Runtime.Pruning;

namespace MapDsl.Generated.Tests;

/// <summary>
/// ReadBack(Map(w)) is w pruned, quantized to the declared bits and snapped to the crossbar's
/// conductance levels: checked for every scheme of the example files against <see cref="ReferenceMath"/>.
/// </summary>
public class ReadBackTests
{
    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void Two_column_read_back_is_the_pruned_weights_on_the_level_grid(int seed)
    {
        var weights = ExampleNetworks.LeNet5(seed);

        var readBack = TC.ReadBack(TC.Map(weights));

        ShouldBeOnPairGrid(weights, readBack, Rram128.Levels);
    }

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    public void Differential_read_back_is_the_pruned_weights_on_the_level_grid(int seed)
    {
        var weights = ExampleNetworks.LeNet5(seed);

        var readBack = DM.ReadBack(DM.Map(weights));

        ShouldBeOnPairGrid(weights, readBack, Rram128.Levels);
    }

    [Fact]
    public void Offset_read_back_is_the_8_bit_weights_on_the_level_grid()
    {
        var weights = ExampleNetworks.Mlp(31);

        var readBack = Lab.Mlp.Q8.ReadBack(Lab.Mlp.Q8.Map(weights));

        foreach (var layer in Lab.Mlp.Mlp.WeightedLayerNames)
        {
            var original = weights.WeightsOf(layer);
            var wMax = ReferenceMath.MaxAbs(original);
            var actual = readBack.WeightsOf(layer);
            var wrong = Enumerable.Range(0, original.Length)
                .Where(i => !ReferenceMath.OffsetGrid(ReferenceMath.Fixed(original[i], wMax, Lab.Mlp.Q8.QuantizeBits), wMax, Lab.Mlp.Tile64.Levels)
                    .Any(c => Math.Abs(c - actual[i]) <= 1e-5 * wMax))
                .Select(i => $"{layer}[{i}]: {original[i]} read back as {actual[i]}");
            wrong.Take(5).ShouldBeEmpty();

            readBack.BiasOf(layer).ShouldBe(weights.BiasOf(layer));
        }
    }

    [Fact]
    public void Weight_stationary_read_back_is_exact_without_faulty_pes()
    {
        var weights = ExampleNetworks.SystolicMlp(41);

        var readBack = Lab.Systolic.OnArray.ReadBack(Lab.Systolic.OnArray.Map(weights));

        readBack.H.ShouldBe(weights.H);
        readBack.Out.ShouldBe(weights.Out);
        readBack.HBias.ShouldBe(weights.HBias);
    }

    [Fact]
    public void Pruning_zeroes_the_declared_fraction_of_each_layer()
    {
        var weights = ExampleNetworks.LeNet5(51);

        var pruned = Sparse.Apply(weights);

        Zeros(pruned.C1).ShouldBe(0); // c1: none
        Zeros(pruned.F2).ShouldBe((int)Math.Round(0.8 * LeNet5.F2.WeightCount, MidpointRounding.AwayFromZero)); // *: unstructured 80%
        Zeros(pruned.F3).ShouldBe((int)Math.Round(0.8 * LeNet5.F3.WeightCount, MidpointRounding.AwayFromZero));
        // f1: columns 60% zeroes whole outputs: 72 of 120 columns of 400 weights each.
        Zeros(pruned.F1).ShouldBe(72 * LeNet5.F1.MatrixRows);
        // c2: blocks 8x8 50% on a 150 x 16 matrix: 19 x 2 blocks (the last row of blocks has 6 rows), 19 pruned.
        Zeros(pruned.C2).ShouldBeInRange(19 * 6 * 8, 19 * 64);
        weights.F2.ShouldNotBe(pruned.F2, "Apply must return a copy");
    }

    [Fact]
    public void Weights_of_the_wrong_length_are_rejected_with_the_layer_and_shape()
    {
        var ok = ExampleNetworks.LeNet5(61);

        // The mistake XMAP1003 reports at compile time, made on purpose: this tests the run-time check behind it.
#pragma warning disable XMAP1003
        var error = Should.Throw<ArgumentException>(() => new LeNet5.Weights(
            new float[149], ok.C1Bias, ok.C2, ok.C2Bias, ok.F1, ok.F1Bias, ok.F2, ok.F2Bias, ok.F3, ok.F3Bias));
#pragma warning restore XMAP1003

        error.Message.ShouldContain("layer 'c1' [6, 1, 5, 5] need 150 values, got 149");
        error.ParamName.ShouldBe("c1");
    }

    private static void ShouldBeOnPairGrid(LeNet5.Weights weights, LeNet5.Weights readBack, int levels)
    {
        var pruned = Sparse.Apply(weights);
        foreach (var layer in LeNet5.WeightedLayerNames)
        {
            var source = pruned.WeightsOf(layer);
            var wMax = ReferenceMath.MaxAbs(source);
            var actual = readBack.WeightsOf(layer);
            var wrong = Enumerable.Range(0, source.Length)
                .Where(i => Math.Abs(ReferenceMath.PairGrid(source[i], wMax, levels) - actual[i]) > 1e-5 * wMax)
                .Select(i => $"{layer}[{i}]: {source[i]} read back as {actual[i]}, expected {ReferenceMath.PairGrid(source[i], wMax, levels)}");
            wrong.Take(5).ShouldBeEmpty();

            readBack.BiasOf(layer).ShouldBe(weights.BiasOf(layer));
        }
    }

    private static int Zeros(float[] values) => values.Count(v => v == 0);
}
