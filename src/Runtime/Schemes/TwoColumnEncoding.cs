using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Schemes;

/// <summary>Two-column pair encoding: both cells rest at G_off.</summary>
internal readonly struct TwoColumnEncoding : IPairEncoding
{
    public static string Name => "two-column";

    public static (double GPlus, double GMinus) Pair(double w, double k, CrossbarSpec spec) => SchemeMath.TwoColumnPair(w, k, spec);

    public static double Idle(CrossbarSpec spec) => spec.GOff;
}
