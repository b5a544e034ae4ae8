using MapDsl.Runtime.Engine.Layers;

namespace MapDsl.Runtime.Tests.Engine.Layers;

/// <summary>
/// The vectorised 2 × 2 pool decides exactly as the window loop it replaces: the same maxima and the same argmax,
/// bit for bit, on ties, NaNs, signed zeros and infinities, for rows of every width up to past two vectors.
/// </summary>
public sealed class MaxPool2x2Tests
{
    private static readonly float[] Awkward = [0f, -0f, 1f, -1f, 2f, float.NaN, float.PositiveInfinity, float.NegativeInfinity];

    public static TheoryData<int, int, int> Planes => new()
    {
        { 1, 2, 2 },
        { 2, 3, 5 },
        { 3, 8, 17 },
        { 2, 5, 31 },
        { 1, 4, 32 },
        { 2, 7, 33 },
        { 1, 6, 40 },
        { 16, 10, 10 },
        { 6, 28, 28 },
    };

    [Theory]
    [MemberData(nameof(Planes))]
    public void Maxima_and_argmax_are_the_window_loops_bit_for_bit(int planes, int inH, int inW)
    {
        var random = new Random(planes * 1000 + inH * 100 + inW);
        float[] input = new float[planes * inH * inW];
        for (int i = 0; i < input.Length; i++)
        {
            // Few distinct values, so most windows hold ties; a third random, so some do not.
            input[i] = random.Next(3) == 0 ? (float)random.NextDouble() : Awkward[random.Next(Awkward.Length)];
        }

        var shape = new PoolShape(planes, 1, inH, inW, 2, 2, 2, 2);
        float[] expected = new float[shape.OutputLength], actual = new float[shape.OutputLength], withoutArgmax = new float[shape.OutputLength];
        int[] expectedArgmax = new int[shape.OutputLength], actualArgmax = new int[shape.OutputLength];
        MaxPool2d.AnyWindow(input, expected, expectedArgmax, shape);

        MaxPool2d.Forward(input, actual, actualArgmax, planes, 1, inH, inW, 2, 2, 2, 2);
        MaxPool2d.Forward(input, withoutArgmax, Span<int>.Empty, planes, 1, inH, inW, 2, 2, 2, 2);

        Bits(actual).ShouldBe(Bits(expected));
        actualArgmax.ShouldBe(expectedArgmax);
        Bits(withoutArgmax).ShouldBe(Bits(expected));
    }

    [Fact]
    public void Backward_plane_by_plane_routes_the_same_gradients_as_all_at_once()
    {
        // Overlapping 3 x 3 windows stepping 2: an element can take several gradients, added in output order.
        const int planes = 24, size = 15;
        var random = new Random(61);
        float[] input = TestTensors.Uniform(random, planes * size * size);
        int outputs = planes * 7 * 7;
        int[] argmax = new int[outputs];
        MaxPool2d.Forward(input, new float[outputs], argmax, planes, 1, size, size, 3, 3, 2, 2);
        float[] gradOutput = TestTensors.Uniform(random, outputs);

        float[] whole = TestTensors.Poisoned(input.Length), byPlane = TestTensors.Poisoned(input.Length);
        MaxPool2d.Backward(gradOutput, argmax, whole);
        MaxPool2d.Backward(gradOutput, argmax, byPlane, planes);

        Bits(byPlane).ShouldBe(Bits(whole));
    }

    private static int[] Bits(float[] values) => Array.ConvertAll(values, BitConverter.SingleToInt32Bits);
}
