using MapDsl.Runtime.Engine.Layers;
using MapDsl.Runtime.Evaluation;
using MapDsl.Runtime.Tests.Support;

namespace MapDsl.Runtime.Tests.Evaluation;

/// <summary>
/// FaultyDense on both paths against a from-scratch Dense.Forward of the faulty weights: equal within float rounding
/// (1e-5 of the output's magnitude), the same argmax wherever the top two are further apart than that, and no trace
/// of one trial left in the next. Shapes are not multiples of any vector width, so every tail loop runs.
/// </summary>
public class FaultyDenseTests
{
    private const int Batch = 37;
    private const int Inputs = 300;
    private const int Outputs = 70;

    // Batches 300 and 420 also run the sparse path's register-blocked kernels (blocks of 256, 128 or 64 samples)
    // before its tail.
    public static TheoryData<double, int?, int> Cases() => new()
    {
        { 0.0, null, Batch }, { 0.0005, null, Batch }, { 0.01, null, Batch }, { 0.3, null, Batch }, { 0.9, null, Batch },
        { 0.01, 0, Batch }, { 0.3, int.MaxValue, Batch }, { 0.9, int.MaxValue, Batch }, { 0.0005, 0, Batch },
        { 0.01, int.MaxValue, 300 }, { 0.3, int.MaxValue, 300 }, { 0.3, 0, 300 }, { 0.05, int.MaxValue, 420 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Output_equals_a_from_scratch_dense_forward_of_the_faulty_weights(double share, int? sparseLimit, int batch)
    {
        var random = new Random(11);
        var (weights, bias, input) = Layer(random, batch);
        var evaluator = new FaultyDense(weights, bias, input, batch, Inputs, Outputs, sparseLimit);
        var output = new float[Outputs * batch];

        // Several trials on one instance: each must start from the clean weights again.
        for (var trial = 0; trial < 3; trial++)
        {
            var (changes, faulty) = RandomChanges(random, weights, share);
            var path = evaluator.Evaluate(changes, output);

            path.ShouldBe(changes.Count < evaluator.SparseLimit ? DensePath.Sparse : DensePath.Dense);
            ShouldMatch(output, Reference(input, faulty, bias, batch), batch, $"share {share}, trial {trial}, {path}");
        }

        evaluator.Evaluate(new WeightChanges(), output);
        ShouldMatch(output, Reference(input, weights, bias, batch), batch, "clean after faulty trials");
    }

    [Theory]
    [InlineData(Batch)]
    [InlineData(300)]
    public void Weights_on_a_few_levels_as_a_mapped_layer_reads_back_give_the_same_output(int batch)
    {
        // 31 distinct clean values (15 levels per sign and 0): the evaluator keeps them as byte codes.
        var random = new Random(14);
        var (weights, bias, input) = Layer(random, batch);
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = MathF.Round(weights[i] * 30) / 30;
        }

        var evaluator = new FaultyDense(weights, bias, input, batch, Inputs, Outputs, int.MaxValue);
        var output = new float[Outputs * batch];
        for (var trial = 0; trial < 2; trial++)
        {
            var (changes, faulty) = RandomChanges(random, weights, 0.1);
            evaluator.Evaluate(changes, output).ShouldBe(DensePath.Sparse);
            ShouldMatch(output, Reference(input, faulty, bias, batch), batch, $"trial {trial}");
        }
    }

    [Fact]
    public void The_clean_output_is_the_dense_forward_of_the_clean_weights_output_major()
    {
        var (weights, bias, input) = Layer(new Random(12));
        var evaluator = new FaultyDense(weights, bias, input, Batch, Inputs, Outputs);

        ShouldMatch(evaluator.CleanOutput.ToArray(), Reference(input, weights, bias, Batch), Batch, "clean");
        evaluator.SparseLimit.ShouldBe((int)(FaultyDense.DefaultSparseFraction * Inputs * Outputs));
    }

    [Fact]
    public void Bad_arguments_are_rejected_before_anything_runs()
    {
        var (weights, bias, input) = Layer(new Random(13));
        Should.Throw<ArgumentException>(() => new FaultyDense(weights.AsSpan(1), bias, input, Batch, Inputs, Outputs));
        Should.Throw<ArgumentOutOfRangeException>(() => new FaultyDense(weights, bias, input, Batch, Inputs, Outputs, -1));
        var evaluator = new FaultyDense(weights, bias, input, Batch, Inputs, Outputs);
        var outOfRange = new WeightChanges();
        outOfRange.Add(weights.Length, 1f);
        Should.Throw<ArgumentException>(() => evaluator.Evaluate(outOfRange, new float[Outputs * Batch]));
        Should.Throw<ArgumentException>(() => evaluator.Evaluate(new WeightChanges(), new float[Outputs * Batch - 1]));
    }

    private static (float[] Weights, float[] Bias, float[] Input) Layer(Random random, int batch = Batch) =>
        (RandomWeights.Uniform(random, Outputs * Inputs, 0.5), RandomWeights.Uniform(random, Outputs, 0.2), RandomWeights.Uniform(random, batch * Inputs, 1));

    // Each weight changes with probability `share`, to a value that may be far outside the clean range (stuck cells).
    private static (WeightChanges Changes, float[] Faulty) RandomChanges(Random random, float[] weights, double share)
    {
        var changes = new WeightChanges(4);
        var faulty = (float[])weights.Clone();
        for (var i = 0; i < weights.Length; i++)
        {
            if (random.NextDouble() < share)
            {
                faulty[i] = (float)((random.NextDouble() * 2 - 1) * 2);
                changes.Add(i, faulty[i]);
            }
        }

        return (changes, faulty);
    }

    /// <summary>Dense.Forward from scratch, [batch, outputs].</summary>
    private static float[] Reference(float[] input, float[] weights, float[] bias, int batch)
    {
        var output = new float[batch * Outputs];
        Dense.Forward(input, weights, bias, output, batch, Inputs, Outputs);
        return output;
    }

    /// <summary>
    /// <paramref name="actual"/> is [outputs, batch], <paramref name="expected"/> [batch, outputs]. Float sums of
    /// 300 terms in another order differ by a few ulps of the largest partial sum, far below 1e-5 of the magnitude.
    /// </summary>
    private static void ShouldMatch(float[] actual, float[] expected, int batch, string what)
    {
        var tolerance = 1e-5 * expected.Max(v => Math.Abs(v));
        for (var s = 0; s < batch; s++)
        {
            for (var c = 0; c < Outputs; c++)
            {
                ((double)Math.Abs(actual[(c * batch) + s] - expected[(s * Outputs) + c])).ShouldBeLessThanOrEqualTo(tolerance, $"{what}: sample {s}, output {c}");
            }

            var row = expected.AsSpan(s * Outputs, Outputs).ToArray();
            var order = Enumerable.Range(0, Outputs).OrderByDescending(c => row[c]).ToArray();
            if (row[order[0]] - row[order[1]] > 2 * tolerance)
            {
                Enumerable.Range(0, Outputs).MaxBy(c => actual[(c * batch) + s]).ShouldBe(order[0], $"{what}: argmax of sample {s}");
            }
        }
    }
}
