using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Schemes;

/// <summary>Two-column pair encoding: both cells rest at G_off.</summary>
internal readonly struct TwoColumnEncoding : IPairEncoding
{
    public static string Name => "two-column";

    // w >= 0 raises G+, w < 0 raises G-.
    public static bool PositiveOnPlus => true;

    public static (double GPlus, double GMinus) Pair(double w, double k, CrossbarSpec spec) => SchemeMath.TwoColumnPair(w, k, spec);

    // G_off + k |w|: the G+ of w >= 0 (G_off + k w) and the G- of w < 0 (G_off - k w).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Moved(Vector<double> kMagnitude, in LevelGrid grid) => grid.GOff + kMagnitude;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Moved(Vector512<double> kMagnitude, in WideLevelGrid grid) => grid.GOff + kMagnitude;

    public static double Idle(CrossbarSpec spec) => spec.GOff;
}
