using MapDsl.Runtime.Interchange;

namespace MapDsl.Runtime.Tests.Interchange;

/// <summary>Tensors of awkward shapes and values for round trips: a scalar, empty tensors, and the float edge cases.</summary>
internal static class SampleTensors
{
    public static readonly float[] EdgeValues =
    [
        0f, -0f, 1f, -1.5f, float.Epsilon, -float.Epsilon, float.MaxValue, float.MinValue,
        float.PositiveInfinity, float.NegativeInfinity, float.NaN, BitConverter.Int32BitsToSingle(0x7FC0_1234), 1e-40f, 3.14159274f,
    ];

    public static NamedTensor[] All =>
    [
        new("scalar", [], [42.5f]),
        new("empty", [0], []),
        new("empty.middle", [2, 0, 3], []),
        new("vector", [EdgeValues.Length], EdgeValues),
        new("features.0.weight", [6, 1, 5, 5], Counting(150)),
        new("fc.bias", [1, 3], [-0.25f, 0.5f, 1e20f]),
    ];

    public static TheoryData<int> Indexes => new(Enumerable.Range(0, All.Length));

    /// <summary>The bit patterns, so NaN payloads and negative zero are compared too.</summary>
    public static int[] Bits(float[] values) => [.. values.Select(BitConverter.SingleToInt32Bits)];

    public static void ShouldEqual(NamedTensor actual, NamedTensor expected)
    {
        actual.Name.ShouldBe(expected.Name);
        actual.Shape.ShouldBe(expected.Shape);
        Bits(actual.Data).ShouldBe(Bits(expected.Data));
    }

    private static float[] Counting(int count) => [.. Enumerable.Range(0, count).Select(index => (index - 75) / 7f)];
}
