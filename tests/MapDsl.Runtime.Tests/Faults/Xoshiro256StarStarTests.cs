using MapDsl.Runtime.Faults;

namespace MapDsl.Runtime.Tests.Faults;

public sealed class Xoshiro256StarStarTests
{
    [Fact]
    public void The_raw_state_1_2_3_4_gives_the_reference_implementations_published_outputs()
    {
        var random = Xoshiro256StarStar.FromState(1, 2, 3, 4);
        ulong[] expected = [11520, 0, 1509978240, 1215971899390074240];
        foreach (ulong value in expected)
        {
            random.NextUInt64().ShouldBe(value);
        }
    }

    [Fact]
    public void SplitMix64_seeded_with_1234567_gives_the_published_outputs()
    {
        ulong state = 1234567;
        ulong[] expected = [6457827717110365317, 3203168211198807973, 9817491932198370423, 4593380528125082431, 16408922859458223821];
        foreach (ulong value in expected)
        {
            SplitMix64.Next(ref state).ShouldBe(value);
        }
    }

    [Fact]
    public void Seed_1_is_pinned_so_a_change_of_seeding_or_algorithm_is_caught()
    {
        // Computed by an independent transcription (SplitMix64 seeding, then xoshiro256**); every stored fault map
        // depends on these, so they must never change.
        var random = new Xoshiro256StarStar(1);
        ulong[] expected = [12966619160104079557, 9600361134598540522, 10590380919521690900, 7218738570589545383];
        foreach (ulong value in expected)
        {
            random.NextUInt64().ShouldBe(value);
        }
    }

    [Fact]
    public void A_copy_continues_the_same_sequence_independently()
    {
        var a = new Xoshiro256StarStar(99);
        a.NextUInt64();
        var b = a;
        for (int i = 0; i < 10; i++)
        {
            b.NextUInt64().ShouldBe(a.NextUInt64());
        }
    }

    [Fact]
    public void NextDouble_is_the_top_53_bits_scaled_into_0_1()
    {
        var words = new Xoshiro256StarStar(5);
        var doubles = new Xoshiro256StarStar(5);
        for (int i = 0; i < 1000; i++)
        {
            double d = doubles.NextDouble();
            d.ShouldBe((words.NextUInt64() >> 11) / 9007199254740992.0);
            d.ShouldBeInRange(0.0, 1.0 - 1.0 / 9007199254740992.0);
        }
    }

    [Fact]
    public void NextDouble_is_uniform_over_ten_bins()
    {
        var random = new Xoshiro256StarStar(17);
        var bins = new long[10];
        for (int i = 0; i < 100_000; i++)
        {
            bins[(int)(random.NextDouble() * 10)]++;
        }

        FaultStatistics.ShouldBeUniform(bins, "NextDouble");
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(3L)]
    [InlineData(7L)]
    [InlineData(1000L)]
    public void NextBelow_stays_in_range_and_is_uniform(long n)
    {
        var random = new Xoshiro256StarStar(23);
        int bins = (int)Math.Min(n, 20);
        var counts = new long[bins];
        for (int i = 0; i < 60_000; i++)
        {
            long value = random.NextBelow(n);
            value.ShouldBeInRange(0, n - 1);
            counts[value * bins / n]++;
        }

        if (n > 1)
        {
            FaultStatistics.ShouldBeUniform(counts, $"NextBelow({n})");
        }
    }

    [Fact]
    public void NextBelow_is_unbiased_for_a_bound_where_modulo_would_be_badly_biased()
    {
        // With n = 3 * 2^62, "x % n" would give the lower third of the range twice the weight of the rest.
        long n = 3L << 61;
        var random = new Xoshiro256StarStar(31);
        var thirds = new long[3];
        for (int i = 0; i < 30_000; i++)
        {
            thirds[random.NextBelow(n) / (1L << 61)]++;
        }

        FaultStatistics.ShouldBeUniform(thirds, "NextBelow(3 * 2^61) by thirds");
    }

    [Fact]
    public void NextBelow_rejects_bounds_below_1_and_FromState_rejects_the_zero_state()
    {
        var random = new Xoshiro256StarStar(1);
        Should.Throw<ArgumentOutOfRangeException>(() => random.NextBelow(0)).Message.ShouldContain("at least 1");
        Should.Throw<ArgumentException>(() => Xoshiro256StarStar.FromState(0, 0, 0, 0)).Message.ShouldContain("all-zero");
    }
}
