using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Schemes;

/// <summary>Differential pair encoding: both cells rest at G_on.</summary>
internal readonly struct DifferentialEncoding : IPairEncoding
{
    public static string Name => "differential";

    public static (double GPlus, double GMinus) Pair(double w, double k, CrossbarSpec spec) => SchemeMath.DifferentialPair(w, k, spec);

    public static double Idle(CrossbarSpec spec) => spec.GOn;
}
