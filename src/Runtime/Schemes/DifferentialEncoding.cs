using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Schemes;

/// <summary>Differential pair encoding: both cells rest at G_on.</summary>
internal readonly struct DifferentialEncoding : IPairEncoding
{
    public static string Name => "differential";

    // w >= 0 lowers G-, w < 0 lowers G+.
    public static bool PositiveOnPlus => false;

    public static (double GPlus, double GMinus) Pair(double w, double k, CrossbarSpec spec) => SchemeMath.DifferentialPair(w, k, spec);

    // G_on - k |w|: the G- of w >= 0 (G_on - k w) and the G+ of w < 0 (G_on + k w).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Moved(Vector<double> kMagnitude, in LevelGrid grid) => grid.GOn - kMagnitude;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Moved(Vector512<double> kMagnitude, in WideLevelGrid grid) => grid.GOn - kMagnitude;

    public static double Idle(CrossbarSpec spec) => spec.GOn;
}
