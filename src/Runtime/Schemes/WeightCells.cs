using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Schemes;

/// <summary>
/// One weight's cells on a crossbar tile, programmed and read one at a time: the scalar references
/// (<see cref="SchemeMath"/>, then <see cref="CrossbarSpec.Quantize"/>) that the tile kernels' <c>Write</c> and
/// <c>Read</c> are bit-identical to, so that a few weights can change without re-programming a tile.
/// </summary>
internal static class WeightCells
{
    /// <summary>
    /// What <c>Write</c> programs for weight <paramref name="w"/> before faults are re-imposed: the offset scheme's one
    /// cell (Second is unused), or a pair's G+ and G- cells.
    /// </summary>
    /// <param name="scheme">A crossbar scheme.</param>
    /// <param name="w">The weight.</param>
    /// <param name="wMax">The w_max the layer is mapped with.</param>
    /// <param name="spec">The tile's conductance range and levels.</param>
    public static (double First, double Second) Program(Scheme scheme, float w, double wMax, CrossbarSpec spec)
    {
        double k = SchemeMath.Scale(wMax, spec);
        return scheme switch
        {
            Scheme.Offset => (spec.Quantize(SchemeMath.OffsetCell(w, SchemeMath.EffectiveWMax(wMax), k, spec)), 0),
            Scheme.TwoColumn => Levels(SchemeMath.TwoColumnPair(w, k, spec), spec),
            Scheme.Differential => Levels(SchemeMath.DifferentialPair(w, k, spec), spec),
            _ => throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "Only crossbar schemes program cells."),
        };
    }

    /// <summary>
    /// The weight <c>Read</c> gives for the cells at <paramref name="cell"/> of <paramref name="cells"/> (a tile's
    /// conductances, row-major): the pair (cell, cell + 1), or the offset cell against <paramref name="reference"/>.
    /// </summary>
    /// <param name="scheme">A crossbar scheme.</param>
    /// <param name="cells">What every cell of the tile reads, faults included.</param>
    /// <param name="cell">The weight's (first) cell.</param>
    /// <param name="reference">The offset scheme's reference cell of the same row; ignored by the pair schemes.</param>
    /// <param name="k">The scale the layer was written with (<see cref="SchemeMath.Scale"/>).</param>
    public static float Read(Scheme scheme, ReadOnlySpan<double> cells, int cell, int reference, double k) => scheme == Scheme.Offset
        ? (float)SchemeMath.ReadOffset(cells[cell], cells[reference], k)
        : (float)SchemeMath.ReadPair(cells[cell], cells[cell + 1], k);

    private static (double GPlus, double GMinus) Levels((double GPlus, double GMinus) pair, CrossbarSpec spec) =>
        (spec.Quantize(pair.GPlus), spec.Quantize(pair.GMinus));
}
