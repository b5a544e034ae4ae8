using MapDsl.Runtime.Engine;

namespace MapDsl.Runtime.Tests.Engine;

/// <summary>Wrong sizes fail fast with a message naming the operand and the shape it needed.</summary>
public sealed class GemmArgumentTests
{
    [Theory]
    [InlineData(-1, 2, 2)]
    [InlineData(2, -1, 2)]
    [InlineData(2, 2, -1)]
    public void Negative_sizes_are_rejected(int m, int n, int k)
    {
        Assert.ThrowsAny<ArgumentException>(() => Gemm.Multiply(new float[16], new float[16], new float[16], m, n, k));
    }

    [Fact]
    public void Short_spans_name_the_operand_and_its_stored_shape()
    {
        // A is 3 x 4, B is 4 x 5, C is 3 x 5.
        Message(() => Gemm.Multiply(new float[11], new float[20], new float[15], 3, 5, 4)).ShouldBe(("a", "A is m x k = 3 x 4 and needs 12 floats, but the span holds 11."));
        Message(() => Gemm.Multiply(new float[12], new float[19], new float[15], 3, 5, 4)).ShouldBe(("b", "B is k x n = 4 x 5 and needs 20 floats, but the span holds 19."));
        Message(() => Gemm.Multiply(new float[12], new float[20], new float[14], 3, 5, 4)).ShouldBe(("c", "C is m x n = 3 x 5 and needs 15 floats, but the span holds 14."));
        Message(() => Gemm.MultiplyTransposedB(new float[12], new float[19], new float[15], 3, 5, 4)).ShouldBe(("b", "B is n x k = 5 x 4 and needs 20 floats, but the span holds 19."));
        Message(() => Gemm.MultiplyTransposedA(new float[11], new float[20], new float[15], 3, 5, 4)).ShouldBe(("a", "A is k x m = 4 x 3 and needs 12 floats, but the span holds 11."));
    }

    [Fact]
    public void Longer_spans_are_fine_and_only_the_used_part_is_written()
    {
        var c = new float[] { 0, 0, 9 };
        Gemm.Multiply([1, 2, 99], [3, 4, 5, 6, 99], c, 1, 2, 2);
        c.ShouldBe([13, 16, 9]);
    }

    [Fact]
    public void C_overlapping_an_input_is_rejected()
    {
        var arena = new float[32];
        // A is 2 x 4 at [0, 8), B is 4 x 4 at [8, 24), C is 2 x 4.
        var error = Assert.Throws<ArgumentException>(() => Gemm.Multiply(arena.AsSpan(0, 8), arena.AsSpan(8, 16), arena.AsSpan(4, 8), 2, 4, 4));
        error.ParamName.ShouldBe("c");
        Gemm.Multiply(arena.AsSpan(0, 8), arena.AsSpan(8, 16), arena.AsSpan(24, 8), 2, 4, 4); // disjoint: fine
    }

    [Fact]
    public void Thread_counts_below_one_are_rejected()
    {
        Assert.ThrowsAny<ArgumentException>(() => Gemm.Multiply(new float[4], new float[4], new float[4], 2, 2, 2, false, threads: 0));
        Assert.ThrowsAny<ArgumentException>(() => Gemm.Parallelism = 0);
        Gemm.Parallelism.ShouldBeGreaterThanOrEqualTo(1);
        Assert.ThrowsAny<ArgumentException>(() => FmaPeak.MeasureGflops(0));
    }

    private static (string? Parameter, string Message) Message(Action product)
    {
        var error = Assert.Throws<ArgumentException>(product);
        return (error.ParamName, error.Message.Replace($" (Parameter '{error.ParamName}')", string.Empty));
    }
}
