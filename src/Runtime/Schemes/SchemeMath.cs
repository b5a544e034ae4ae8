using System.Runtime.CompilerServices;
using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Schemes;

/// <summary>
/// The scalar float64 reference of every weight-to-conductance formula of the language. The tile kernels use these
/// functions, so the kernels and this table cannot drift apart. Conductances returned here are ideal (not quantized).
/// </summary>
public static class SchemeMath
{
    /// <summary>
    /// The weight range a layer is scaled to: <paramref name="wMax"/> itself, or 1 for an all-zero layer so that
    /// the scale stays finite.
    /// </summary>
    /// <param name="wMax">The layer's largest |w|; finite and non-negative.</param>
    public static double EffectiveWMax(double wMax)
    {
        if (!(wMax >= 0) || double.IsPositiveInfinity(wMax))
        {
            throw new ArgumentOutOfRangeException(nameof(wMax), wMax, "w_max must be a finite, non-negative weight magnitude.");
        }

        return wMax > 0 ? wMax : 1;
    }

    /// <summary>Conductance per unit weight, <c>k = (GOn - GOff) / w_max</c> (w_max = 1 when it is 0).</summary>
    /// <param name="wMax">The layer's largest |w|.</param>
    /// <param name="spec">The tile's conductance range.</param>
    public static double Scale(double wMax, CrossbarSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return (spec.GOn - spec.GOff) / EffectiveWMax(wMax);
    }

    /// <summary>Two-column cells: the magnitude goes above G_off on the cell of the weight's sign, the other stays at G_off.</summary>
    /// <param name="w">Weight.</param>
    /// <param name="k">Scale from <see cref="Scale"/>.</param>
    /// <param name="spec">The tile's conductance range.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (double GPlus, double GMinus) TwoColumnPair(double w, double k, CrossbarSpec spec) => w >= 0
        ? (spec.GOff + k * w, spec.GOff)
        : (spec.GOff, spec.GOff - k * w);

    /// <summary>Differential cells: both rest at G_on and the magnitude is taken off the cell of the opposite sign.</summary>
    /// <param name="w">Weight.</param>
    /// <param name="k">Scale from <see cref="Scale"/>.</param>
    /// <param name="spec">The tile's conductance range.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (double GPlus, double GMinus) DifferentialPair(double w, double k, CrossbarSpec spec) => w >= 0
        ? (spec.GOn, spec.GOn - k * w)
        : (spec.GOn + k * w, spec.GOn);

    /// <summary>
    /// Offset cell: <c>GOff + k (w + w_max) / 2</c>, so -w_max, 0 and w_max land on G_off, the mid conductance and G_on.
    /// </summary>
    /// <param name="w">Weight.</param>
    /// <param name="wMax">The layer's largest |w| (0 is treated as 1, like <see cref="Scale"/>).</param>
    /// <param name="k">Scale from <see cref="Scale"/>.</param>
    /// <param name="spec">The tile's conductance range.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double OffsetCell(double w, double wMax, double k, CrossbarSpec spec) =>
        spec.GOff + k * (w + (wMax > 0 ? wMax : 1)) / 2;

    /// <summary>Weight read back from a two-column or differential pair, <c>(G+ - G-) / k</c>.</summary>
    /// <param name="gPlus">What the G+ cell reads.</param>
    /// <param name="gMinus">What the G- cell reads.</param>
    /// <param name="k">Scale the pair was written with.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ReadPair(double gPlus, double gMinus, double k) => (gPlus - gMinus) / k;

    /// <summary>
    /// Weight read back from an offset cell, <c>2 (G - G_ref) / k</c>; <paramref name="gRef"/> is what the row's
    /// reference cell reads, ideally the mid conductance.
    /// </summary>
    /// <param name="g">What the weight's cell reads.</param>
    /// <param name="gRef">What the reference cell of the same row reads.</param>
    /// <param name="k">Scale the cell was written with.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ReadOffset(double g, double gRef, double k) => 2 * (g - gRef) / k;
}
