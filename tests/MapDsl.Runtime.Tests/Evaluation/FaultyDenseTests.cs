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

    public static TheoryData<double, int?> Cases() => new()
    {
        { 0.0, null }, { 0.0005, null }, { 0.01, null }, { 0.3, null }, { 0.9, null },
        { 0.01, 0 }, { 0.3, int.MaxValue }, { 0.9, int.MaxValue }, { 0.0005, 0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Output_equals_a_from_scratch_dense_forward_of_the_faulty_weights(double share, int? sparseLimit)
    {
        var random = new Random(11);
        var (weights, bias, input) = Layer(random);
        var evaluator = new FaultyDense(weights, bias, input, Batch, Inputs, Outputs, sparseLimit);
        var output = new float[Outputs * Batch];

        // Several trials on one instance: each must start from the clean weights again.
        for (var trial = 0; trial < 3; trial++)
        {
            var (changes, faulty) = RandomChanges(random, weights, share);
            var path = evaluator.Evaluate(changes, output);

            path.ShouldBe(changes.Count < evaluator.SparseLimit ? DensePath.Sparse : DensePath.Dense);
            ShouldMatch(output, Reference(input, faulty, bias), $"share {share}, trial {trial}, {path}");
        }

        evaluator.Evaluate(new WeightChanges(), output);
        ShouldMatch(output, Reference(input, weights, bias), "clean after faulty trials");
    }

    [Fact]
    public void The_clean_output_is_the_dense_forward_of_the_clean_weights_output_major()
    {
        var (weights, bias, input) = Layer(new Random(12));
        var evaluator = new FaultyDense(weights, bias, input, Batch, Inputs, Outputs);

        ShouldMatch(evaluator.CleanOutput.ToArray(), Reference(input, weights, bias), "clean");
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

    private static (float[] Weights, float[] Bias, float[] Input) Layer(Random random) =>
        (RandomWeights.Uniform(random, Outputs * Inputs, 0.5), RandomWeights.Uniform(random, Outputs, 0.2), RandomWeights.Uniform(random, Batch * Inputs, 1));

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
    private static float[] Reference(float[] input, float[] weights, float[] bias)
    {
        var output = new float[Batch * Outputs];
        Dense.Forward(input, weights, bias, output, Batch, Inputs, Outputs);
        return output;
    }

    /// <summary>
    /// <paramref name="actual"/> is [outputs, batch], <paramref name="expected"/> [batch, outputs]. Float sums of
    /// 300 terms in another order differ by a few ulps of the largest partial sum, far below 1e-5 of the magnitude.
    /// </summary>
    private static void ShouldMatch(float[] actual, float[] expected, string what)
    {
        var tolerance = 1e-5 * expected.Max(v => Math.Abs(v));
        for (var s = 0; s < Batch; s++)
        {
            for (var c = 0; c < Outputs; c++)
            {
                ((double)Math.Abs(actual[(c * Batch) + s] - expected[(s * Outputs) + c])).ShouldBeLessThanOrEqualTo(tolerance, $"{what}: sample {s}, output {c}");
            }

            var row = expected.AsSpan(s * Outputs, Outputs).ToArray();
            var order = Enumerable.Range(0, Outputs).OrderByDescending(c => row[c]).ToArray();
            if (row[order[0]] - row[order[1]] > 2 * tolerance)
            {
                Enumerable.Range(0, Outputs).MaxBy(c => actual[(c * Batch) + s]).ShouldBe(order[0], $"{what}: argmax of sample {s}");
            }
        }
    }
}
