using MapDsl.Runtime.Pruning;
using MapDsl.Runtime.Tests.Support;

namespace MapDsl.Runtime.Tests.Pruning;

/// <summary>
/// Pattern pruning with a per-layer library (PatDNN style). Expected values are recomputed here by brute force: each
/// kernel's top-N pattern by a plain sort, votes counted with LINQ, and the kept norm of every library pattern.
/// </summary>
public sealed class PatternPruningTests
{
    [Theory]
    [InlineData(91, 16, 8, 3, 3, 4, 8)]
    [InlineData(92, 6, 1, 5, 5, 6, 8)]
    [InlineData(93, 12, 6, 3, 3, 2, 3)]
    [InlineData(94, 2, 2, 1, 3, 3, 8)] // keep everything: one pattern
    public void Every_kernel_keeps_exactly_n_in_one_of_at_most_p_library_patterns(
        int seed, int outChannels, int inChannels, int kernelHeight, int kernelWidth, int keepPerKernel, int librarySize)
    {
        int kernelSize = kernelHeight * kernelWidth;
        float[] weights = RandomWeights.Uniform(new Random(seed), outChannels * inChannels * kernelSize, magnitude: 1.0);
        float[] original = (float[])weights.Clone();

        bool[] keep = Pruner.Pattern(weights, outChannels, inChannels, kernelHeight, kernelWidth, keepPerKernel, librarySize);
        int[][] library = Pruner.PatternLibrary(weights, outChannels, inChannels, kernelHeight, kernelWidth, keepPerKernel, librarySize);

        library.Length.ShouldBeLessThanOrEqualTo(librarySize);
        var used = new HashSet<string>();
        for (int k = 0; k < outChannels * inChannels; k++)
        {
            int[] kept = Enumerable.Range(0, kernelSize).Where(t => keep[k * kernelSize + t]).ToArray();
            kept.Length.ShouldBe(keepPerKernel, $"kernel {k}");
            library.ShouldContain(p => p.SequenceEqual(kept), $"kernel {k} uses a pattern outside the library");
            used.Add(string.Join(',', kept));
        }

        used.Count.ShouldBeLessThanOrEqualTo(librarySize);
        weights.ShouldBe(original);
    }

    [Theory]
    [InlineData(95, 16, 8, 3, 3, 4)]
    [InlineData(96, 16, 6, 5, 5, 6)]
    public void The_library_holds_the_most_frequent_top_n_patterns_and_each_kernel_the_one_keeping_most_norm(
        int seed, int outChannels, int inChannels, int kernelHeight, int kernelWidth, int keepPerKernel)
    {
        int kernelSize = kernelHeight * kernelWidth;
        int kernels = outChannels * inChannels;
        float[] weights = RandomWeights.Uniform(new Random(seed), kernels * kernelSize, magnitude: 1.0);

        bool[] keep = Pruner.Pattern(weights, outChannels, inChannels, kernelHeight, kernelWidth, keepPerKernel);
        int[][] library = Pruner.PatternLibrary(weights, outChannels, inChannels, kernelHeight, kernelWidth, keepPerKernel);

        // Votes: each kernel's own top-N positions, by an independent sort.
        string[] own = Enumerable.Range(0, kernels).Select(k => Key(OwnPattern(weights, k, kernelSize, keepPerKernel))).ToArray();
        var votes = own.GroupBy(p => p).ToDictionary(g => g.Key, g => g.Count());
        int[] libraryVotes = library.Select(p => votes.GetValueOrDefault(Key(p))).ToArray();
        libraryVotes.ShouldAllBe(v => v > 0, "every library pattern is some kernel's own top-N pattern");
        libraryVotes.ShouldBe(libraryVotes.OrderByDescending(v => v).ToArray(), "most votes first");
        library.Length.ShouldBe(Math.Min(Pruner.DefaultPatternLibrarySize, votes.Count));
        int weakestInLibrary = libraryVotes[^1];
        votes.Where(v => !library.Any(p => Key(p) == v.Key)).ShouldAllBe(v => v.Value <= weakestInLibrary, "a left-out pattern has no more votes");

        for (int k = 0; k < kernels; k++)
        {
            double[] squares = weights.Skip(k * kernelSize).Take(kernelSize).Select(w => (double)w * w).ToArray();
            double keptNorm = Enumerable.Range(0, kernelSize).Where(t => keep[k * kernelSize + t]).Sum(t => squares[t]);
            double bestInLibrary = library.Max(p => p.Sum(t => squares[t]));
            keptNorm.ShouldBe(bestInLibrary, 1e-12, $"kernel {k} keeps less norm than a library pattern would");
        }
    }

    [Fact]
    public void A_kernel_whose_own_pattern_is_left_out_gets_the_library_pattern_keeping_most_norm()
    {
        // Library of 2 from four 2x2 kernels keeping 2: (0,1) has two votes, (2,3) one, (0,2) one; equal votes go
        // lexicographically, so the library is [(0,1), (0,2)] and the third kernel, which wants (2,3), is left out.
        float[] w =
        [
            5f, 4f, 1f, 0f,   // own (0,1)
            3f, 2f, 0f, 1f,   // own (0,1)
            0f, 0.5f, 2f, 3f, // own (2,3): (0,1) keeps 0.25, (0,2) keeps 4, so (0,2)
            1f, 0f, 6f, 0.5f, // own (0,2)
        ];

        Pruner.PatternLibrary(w, 4, 1, 2, 2, 2, librarySize: 2).ShouldBe([[0, 1], [0, 2]]);
        bool[] keep = Pruner.Pattern(w, 4, 1, 2, 2, 2, librarySize: 2);

        keep.ShouldBe(
        [
            true, true, false, false,
            true, true, false, false,
            true, false, true, false,
            true, false, true, false,
        ]);
    }

    [Fact]
    public void Equal_norms_go_to_the_earlier_library_pattern_and_equal_magnitudes_lose_the_lower_position()
    {
        // Kernel 0 is all ties: its own top-2 drops positions 0 and 1, so it votes (2,3). Kernels 1 and 2 vote (0,1).
        // Library of 1 is [(0,1)]; kernel 0 keeps as much norm with it as with anything, so it gets (0,1).
        float[] w = [1f, 1f, -1f, 1f, 2f, 2f, 0.5f, 0.5f, 3f, 2f, 1f, 0f];
        Pruner.PatternLibrary(w, 3, 1, 2, 2, 2, librarySize: 1).ShouldBe([[0, 1]]);
        Pruner.Pattern(w, 3, 1, 2, 2, 2, librarySize: 1).ShouldBe([true, true, false, false, true, true, false, false, true, true, false, false]);

        // With room for both patterns, each kernel keeps its own (kernel 0's tie-broken (2,3) included).
        Pruner.Pattern(w, 3, 1, 2, 2, 2).ShouldBe([false, false, true, true, true, true, false, false, true, true, false, false]);
    }

    [Fact]
    public void Selection_is_deterministic_and_independent_of_the_kernel_order()
    {
        const int outChannels = 16, inChannels = 6, kernelSize = 25;
        float[] weights = RandomWeights.Uniform(new Random(97), outChannels * inChannels * kernelSize, magnitude: 1.0);

        bool[] first = Pruner.Pattern(weights, outChannels, inChannels, 5, 5, 6);
        bool[] second = Pruner.Pattern((float[])weights.Clone(), outChannels, inChannels, 5, 5, 6);
        second.ShouldBe(first);

        // Reversing the kernels reverses the masks: neither the library nor the choices depend on where a kernel sits.
        float[] reversed = Reverse(weights, kernelSize);
        Pruner.PatternLibrary(reversed, outChannels, inChannels, 5, 5, 6)
            .ShouldBe(Pruner.PatternLibrary(weights, outChannels, inChannels, 5, 5, 6));
        Reverse(Pruner.Pattern(reversed, outChannels, inChannels, 5, 5, 6), kernelSize).ShouldBe(first);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void Keep_outside_1_to_kernel_size_is_rejected(int keepPerKernel)
    {
        var error = Should.Throw<ArgumentOutOfRangeException>(() => Pruner.Pattern(new float[8], 2, 1, 2, 2, keepPerKernel));
        error.ParamName.ShouldBe("keep");
        error.Message.ShouldContain("[1, 4]");
    }

    [Fact]
    public void An_empty_library_is_rejected()
    {
        var error = Should.Throw<ArgumentOutOfRangeException>(() => Pruner.Pattern(new float[8], 2, 1, 2, 2, 2, librarySize: 0));
        error.ParamName.ShouldBe("librarySize");
    }

    private static int[] OwnPattern(float[] weights, int kernel, int kernelSize, int keep)
    {
        double[] magnitudes = weights.Skip(kernel * kernelSize).Take(kernelSize).Select(w => Math.Abs((double)w)).ToArray();
        HashSet<int> pruned = ExpectedPruning.Smallest(magnitudes, kernelSize - keep);
        return Enumerable.Range(0, kernelSize).Where(t => !pruned.Contains(t)).ToArray();
    }

    private static string Key(IEnumerable<int> positions) => string.Join(',', positions);

    private static T[] Reverse<T>(T[] values, int kernelSize) =>
        values.Chunk(kernelSize).Reverse().SelectMany(kernel => kernel).ToArray();
}
