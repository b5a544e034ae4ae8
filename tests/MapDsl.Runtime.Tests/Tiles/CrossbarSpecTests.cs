using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Tests.Tiles;

public sealed class CrossbarSpecTests
{
    // Levels 1, 3, 5, 7, 9: easy to check by hand.
    private static readonly CrossbarSpec FiveLevels = new(Rows: 4, Columns: 4, Levels: 5, GOff: 1, GOn: 9);

    [Fact]
    public void Step_and_mid_follow_the_conductance_range()
    {
        FiveLevels.Step.ShouldBe(2);
        FiveLevels.Mid.ShouldBe(5);
        FiveLevels.CellCount.ShouldBe(16);
    }

    [Theory]
    [InlineData(1.0, 0, 1.0)]
    [InlineData(1.9, 0, 1.0)]
    [InlineData(2.0, 1, 3.0)] // halfway between levels 0 and 1: away from zero
    [InlineData(4.0, 2, 5.0)] // halfway between levels 1 and 2
    [InlineData(6.0, 3, 7.0)]
    [InlineData(7.99, 3, 7.0)]
    [InlineData(8.01, 4, 9.0)]
    [InlineData(9.0, 4, 9.0)]
    [InlineData(-3.0, 0, 1.0)] // clamped below G_off
    [InlineData(0.0, 0, 1.0)]
    [InlineData(42.0, 4, 9.0)] // clamped above G_on
    public void Quantize_picks_the_nearest_level_and_clamps(double g, int level, double quantized)
    {
        FiveLevels.LevelOf(g).ShouldBe(level);
        FiveLevels.Quantize(g).ShouldBe(quantized);
    }

    [Theory]
    [InlineData(2, 11)]
    [InlineData(3, 12)]
    [InlineData(16, 13)]
    [InlineData(255, 14)]
    public void Quantize_matches_the_level_formula_on_random_conductances(int levels, int seed)
    {
        var spec = new CrossbarSpec(8, 8, levels, GOff: 2e-6, GOn: 1e-4);
        var random = new Random(seed);
        for (int trial = 0; trial < 500; trial++)
        {
            double g = -1e-5 + random.NextDouble() * 1.2e-4;
            double steps = levels - 1;
            double n = Math.Clamp(Math.Round((g - 2e-6) * steps / (1e-4 - 2e-6), MidpointRounding.AwayFromZero), 0, steps);
            double expected = 2e-6 + n * (1e-4 - 2e-6) / steps;

            spec.LevelOf(g).ShouldBe((int)n);
            spec.Quantize(g).ShouldBe(expected, 1e-12 * 1e-4);
        }
    }

    [Fact]
    public void The_top_level_is_exactly_g_on_so_it_matches_a_stuck_on_cell()
    {
        var spec = new CrossbarSpec(1, 1, Levels: 7, GOff: 0.1, GOn: 0.7);
        spec.ConductanceOf(6).ShouldBe(0.7);
        spec.Quantize(0.69999).ShouldBe(0.7);
        spec.ConductanceOf(0).ShouldBe(0.1);
    }

    [Fact]
    public void Nan_quantizes_to_g_off()
    {
        FiveLevels.Quantize(double.NaN).ShouldBe(1.0);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(5)]
    public void ConductanceOf_rejects_levels_outside_the_range(int level)
    {
        var error = Should.Throw<ArgumentOutOfRangeException>(() => FiveLevels.ConductanceOf(level));
        error.Message.ShouldContain("[0, 4]");
    }

    [Theory]
    [InlineData(0, 4, 2, 0.0, 1.0, "Rows", "at least 1 row")]
    [InlineData(4, 0, 2, 0.0, 1.0, "Columns", "at least 1 column")]
    [InlineData(4, 4, 1, 0.0, 1.0, "Levels", "at least 2 conductance levels")]
    [InlineData(4, 4, 2, -0.5, 1.0, "GOff", "non-negative")]
    [InlineData(4, 4, 2, 1.0, 1.0, "GOn", "greater than G_off")]
    [InlineData(4, 4, 2, 2.0, 1.0, "GOn", "greater than G_off")]
    [InlineData(4, 4, 2, 0.0, double.PositiveInfinity, "GOn", "finite")]
    public void Invalid_specs_are_rejected_with_a_clear_message(
        int rows, int columns, int levels, double gOff, double gOn, string parameter, string message)
    {
        var error = Should.Throw<ArgumentOutOfRangeException>(() => new CrossbarSpec(rows, columns, levels, gOff, gOn));
        error.ParamName.ShouldBe(parameter);
        error.Message.ShouldContain(message);
    }

    [Fact]
    public void Specs_compare_by_value()
    {
        new CrossbarSpec(4, 4, 5, 1, 9).ShouldBe(FiveLevels);
        new CrossbarSpec(4, 4, 6, 1, 9).ShouldNotBe(FiveLevels);
    }
}
