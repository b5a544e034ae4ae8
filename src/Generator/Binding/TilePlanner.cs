using MapDsl.Generator.Model;

namespace MapDsl.Generator.Binding
{
    /// <summary>How many matrix columns (weights) one tile row holds under each scheme.</summary>
    internal static class TilePlanner
    {
        /// <summary>Cells a weight takes: a G+/G- pair for two-column and differential, one otherwise.</summary>
        public static int CellsPerWeight(SchemeKind scheme) =>
            scheme is SchemeKind.TwoColumn or SchemeKind.Differential ? 2 : 1;

        /// <summary>
        /// Weights per tile row: columns / 2 for the pair schemes, columns - 1 for offset (one
        /// reference column per tile), all columns for a weight-stationary array.
        /// </summary>
        public static int WeightsPerTileRow(SchemeKind scheme, int tileColumns) => scheme switch
        {
            SchemeKind.TwoColumn or SchemeKind.Differential => tileColumns / 2,
            SchemeKind.Offset => tileColumns - 1,
            _ => tileColumns,
        };

        public static TilePlanModel Plan(LayerModel layer, SchemeKind scheme, int tileRows, int tileColumns) =>
            new(layer.MatrixRows, layer.MatrixColumns, tileRows, tileColumns, CellsPerWeight(scheme), WeightsPerTileRow(scheme, tileColumns));
    }
}
