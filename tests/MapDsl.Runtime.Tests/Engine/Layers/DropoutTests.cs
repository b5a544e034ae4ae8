using MapDsl.Runtime.Engine.Layers;

namespace MapDsl.Runtime.Tests.Engine.Layers;

/// <summary>
/// <see cref="Dropout"/>: inverted dropout with a mask that is a pure function of the stream and the position. The
/// kept share is checked statistically (100,000 values, within 5 standard deviations of 1 − rate), the rest exactly.
/// </summary>
public sealed class DropoutTests
{
    private const int Many = 100_000;

    [Fact]
    public void Rate_zero_keeps_every_value_unchanged()
    {
        float[] input = TestTensors.Uniform(new Random(101), 1000);
        float[] output = TestTensors.Poisoned(input.Length);
        int[] kept = new int[input.Length];

        Dropout.ForwardTraining(input, output, kept, 0f, 12345);

        output.ShouldBe(input);
        kept.ShouldAllBe(k => k == 1);
    }

    [Theory]
    [InlineData(0.2f, 1UL)]
    [InlineData(0.5f, 77UL)]
    [InlineData(0.9f, 0xDEADBEEFUL)]
    public void About_one_minus_rate_of_the_values_survive_scaled_by_its_inverse(float rate, ulong stream)
    {
        float[] input = TestTensors.AwayFromZero(new Random(102), Many, 0.1);
        float[] output = TestTensors.Poisoned(Many);
        int[] kept = new int[Many];

        Dropout.ForwardTraining(input, output, kept, rate, stream);

        int survivors = kept.Count(k => k == 1);
        double expected = Many * (1.0 - rate), sigma = Math.Sqrt(Many * rate * (1.0 - rate));
        Math.Abs(survivors - expected).ShouldBeLessThan(5 * sigma, $"{survivors} of {Many} kept at rate {rate}");
        kept.ShouldAllBe(k => k == 0 || k == 1);
        double[] reference = [.. input.Select((v, i) => kept[i] == 1 ? v / (1.0 - rate) : 0.0)];
        Close.ShouldMatch(output, reference, 1e-6, "output");

        // Neither half of the values is favoured: the mask does not depend on position.
        int firstHalf = kept.Take(Many / 2).Count(k => k == 1);
        Math.Abs(firstHalf - expected / 2).ShouldBeLessThan(5 * sigma / Math.Sqrt(2), "kept in the first half");
    }

    [Fact]
    public void The_same_stream_drops_the_same_values_and_another_stream_others()
    {
        float[] input = TestTensors.AwayFromZero(new Random(103), 10_000, 0.1);
        int[] first = new int[input.Length], again = new int[input.Length], other = new int[input.Length];
        float[] output = new float[input.Length], outputAgain = new float[input.Length];

        Dropout.ForwardTraining(input, output, first, 0.5f, 42);
        Dropout.ForwardTraining(input, outputAgain, again, 0.5f, 42);
        Dropout.ForwardTraining(input, new float[input.Length], other, 0.5f, 43);

        again.ShouldBe(first);
        outputAgain.ShouldBe(output);
        // Independent masks of rate 0.5 disagree on about half the positions (σ = 50 of 10,000).
        int disagreements = first.Zip(other, (a, b) => a != b ? 1 : 0).Sum();
        disagreements.ShouldBeInRange(4750, 5250);
    }

    [Fact]
    public void Backward_passes_the_gradient_scaled_where_the_forward_pass_kept_and_zero_elsewhere()
    {
        const float rate = 0.3f;
        var random = new Random(104);
        float[] input = TestTensors.AwayFromZero(random, 5000, 0.1);
        int[] kept = new int[input.Length];
        Dropout.ForwardTraining(input, new float[input.Length], kept, rate, 9);
        float[] gradOutput = TestTensors.Uniform(random, input.Length);
        float[] gradInput = TestTensors.Poisoned(input.Length);

        Dropout.BackwardTraining(kept, gradOutput, gradInput, rate);

        kept.ShouldContain(0);
        kept.ShouldContain(1);
        double[] expected = [.. gradOutput.Select((g, i) => kept[i] == 1 ? g / (1.0 - rate) : 0.0)];
        Close.ShouldMatch(gradInput, expected, 1e-6, "gradInput");
    }

    [Theory]
    [InlineData(1f)]
    [InlineData(1.5f)]
    [InlineData(-0.1f)]
    [InlineData(float.NaN)]
    public void A_rate_outside_zero_to_below_one_is_refused(float rate)
    {
        float[] input = new float[4];
        var error = Should.Throw<ArgumentOutOfRangeException>(() => Dropout.ForwardTraining(input, new float[4], new int[4], rate, 1));
        error.ParamName.ShouldBe("rate");
        Should.Throw<ArgumentOutOfRangeException>(() => new MapDsl.Runtime.Engine.Graph.DropoutStep(4, rate)).ParamName.ShouldBe("rate");
    }
}
