using MapDsl.Generator.Model;

namespace MapDsl.Generator.Emit
{
    /// <summary>What each scheme is called in the runtime and how it is explained in comments.</summary>
    internal static class SchemeText
    {
        public static string RuntimeKernel(SchemeKind scheme) => "global::MapDsl.Runtime.Schemes." + scheme switch
        {
            SchemeKind.TwoColumn => "TwoColumnScheme",
            SchemeKind.Differential => "DifferentialScheme",
            SchemeKind.Offset => "OffsetScheme",
            _ => "WeightStationaryScheme",
        };

        public static string RuntimeEnum(SchemeKind scheme) => "global::MapDsl.Runtime.Schemes.Scheme." + scheme;

        public static string Explain(SchemeKind scheme) => scheme switch
        {
            SchemeKind.TwoColumn => "two cells (G+, G-) per weight; the idle cell and both cells of a zero weight rest at G_off",
            SchemeKind.Differential => "two cells (G+, G-) per weight; the idle cell and both cells of a zero weight rest at G_on",
            SchemeKind.Offset => "one cell per weight, G = G_off + k (w + w_max) / 2, read against a reference column at (G_off + G_on) / 2 in the last column of each tile",
            _ => "weights stationed on the PEs of the array; weight (i, j) of a tile sits on PE (i, j)",
        };
    }
}
