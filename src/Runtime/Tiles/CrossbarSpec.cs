using System.Runtime.CompilerServices;

namespace MapDsl.Runtime.Tiles;

/// <summary>
/// Size and conductance range of one ReRAM crossbar tile. A cell can be programmed to
/// <see cref="Levels"/> equally spaced conductances from <see cref="GOff"/> to <see cref="GOn"/>;
/// level n is <c>GOff + n * (GOn - GOff) / (Levels - 1)</c>.
/// </summary>
/// <param name="Rows">Cell rows (word lines); at least 1.</param>
/// <param name="Columns">Cell columns (bit lines); at least 1.</param>
/// <param name="Levels">Programmable conductance levels per cell; at least 2 (G_off and G_on).</param>
/// <param name="GOff">Lowest conductance (high-resistance state); non-negative.</param>
/// <param name="GOn">Highest conductance (low-resistance state); greater than <paramref name="GOff"/>.</param>
public sealed record CrossbarSpec(int Rows, int Columns, int Levels, double GOff, double GOn)
{
    /// <summary>Cell rows (word lines) of the tile.</summary>
    public int Rows { get; } = Rows >= 1
        ? Rows
        : throw new ArgumentOutOfRangeException(nameof(Rows), Rows, $"A crossbar needs at least 1 row, got {Rows}.");

    /// <summary>Cell columns (bit lines) of the tile.</summary>
    public int Columns { get; } = Columns >= 1
        ? Columns
        : throw new ArgumentOutOfRangeException(nameof(Columns), Columns, $"A crossbar needs at least 1 column, got {Columns}.");

    /// <summary>Programmable conductance levels per cell, G_off and G_on included.</summary>
    public int Levels { get; } = Levels >= 2
        ? Levels
        : throw new ArgumentOutOfRangeException(nameof(Levels), Levels, $"A cell needs at least 2 conductance levels (G_off and G_on), got {Levels}.");

    /// <summary>Lowest conductance a cell reads (high-resistance state).</summary>
    public double GOff { get; } = GOff >= 0 && double.IsFinite(GOff)
        ? GOff
        : throw new ArgumentOutOfRangeException(nameof(GOff), GOff, $"G_off must be a finite, non-negative conductance, got {GOff}.");

    /// <summary>Highest conductance a cell reads (low-resistance state).</summary>
    public double GOn { get; } = GOn > GOff && double.IsFinite(GOn)
        ? GOn
        : throw new ArgumentOutOfRangeException(nameof(GOn), GOn, $"G_on must be finite and greater than G_off ({GOff}), got {GOn}.");

    /// <summary>Conductance between two neighbouring levels, <c>(GOn - GOff) / (Levels - 1)</c>.</summary>
    public double Step { get; } = (GOn - GOff) / (Levels - 1);

    /// <summary>
    /// Middle of the conductance range, <c>(GOff + GOn) / 2</c>: the offset scheme's zero weight and reference
    /// conductance. With an even number of levels it lies between two levels.
    /// </summary>
    public double Mid { get; } = (GOff + GOn) / 2;

    /// <summary>Total cells of the tile, <c>Rows * Columns</c>.</summary>
    public int CellCount => checked(Rows * Columns);

    /// <summary>
    /// Index of the level nearest to <paramref name="g"/>: halfway cases go away from zero (up), values
    /// outside [G_off, G_on] clamp to the end levels, and NaN reads as level 0 so that it cannot spread.
    /// </summary>
    /// <param name="g">Any conductance.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int LevelOf(double g)
    {
        double position = (g - GOff) / Step;
        if (!(position > 0))
        {
            return 0;
        }

        int top = Levels - 1;
        return position >= top ? top : (int)Math.Round(position, MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// Conductance of level <paramref name="level"/>. The top level returns exactly <see cref="GOn"/> so that a
    /// programmed top level and a stuck-on cell read the same.
    /// </summary>
    /// <param name="level">Level index in [0, Levels - 1].</param>
    public double ConductanceOf(int level)
    {
        if ((uint)level >= (uint)Levels)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, $"Level must be in [0, {Levels - 1}], got {level}.");
        }

        return LevelConductance(level);
    }

    /// <summary>The programmable conductance nearest to <paramref name="g"/> (see <see cref="LevelOf"/>).</summary>
    /// <param name="g">Any conductance; typically the ideal value a scheme asks for.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Quantize(double g) => LevelConductance(LevelOf(g));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double LevelConductance(int level) => level == Levels - 1 ? GOn : GOff + level * Step;
}
