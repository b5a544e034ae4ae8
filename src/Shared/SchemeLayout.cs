namespace MapDsl.Shared
{
    /// <summary>
    /// How each scheme lays weights out on a tile, written once: the generator plans tiles with it (at compile time)
    /// and the runtime's tile plans with it (at run time), so the two cannot disagree. Linked as source into the
    /// generator, the analyzers (netstandard2.0) and the runtime. Schemes are numbered as the runtime's
    /// <c>Scheme</c> enum and the generator's <c>SchemeKind</c> (tests keep the three in step).
    /// </summary>
    /// <remarks>
    /// Two-column and differential: a weight is a cell pair, matrix column j on cell columns 2j (G+) and 2j + 1 (G-),
    /// so a tile row holds C / 2 weights. Offset: one cell per weight, matrix column j on cell column j, the last
    /// cell column is the reference column, so C - 1 weights. Weight-stationary: weight (i, j) of a tile on PE (i, j).
    /// </remarks>
    internal static class SchemeLayout
    {
        public const int TwoColumn = 0;
        public const int Differential = 1;
        public const int Offset = 2;
        public const int WeightStationary = 3;

        /// <summary>Whether a weight takes a (G+, G-) cell pair.</summary>
        public static bool IsPair(int scheme) => scheme == TwoColumn || scheme == Differential;

        /// <summary>Cells one weight occupies in a tile row.</summary>
        public static int CellsPerWeight(int scheme) => IsPair(scheme) ? 2 : 1;

        /// <summary>
        /// The cell column that holds matrix column <paramref name="blockColumn"/> of a tile's block: the G+ cell of a pair
        /// (its G- cell is the next column), the data cell under offset, the PE column under weight-stationary.
        /// </summary>
        public static int CellColumn(int scheme, int blockColumn) => IsPair(scheme) ? 2 * blockColumn : blockColumn;

        /// <summary>The offset scheme's reference column, which every weight of a tile row is read against; -1 under other schemes.</summary>
        public static int ReferenceColumn(int scheme, int tileColumns) => scheme == Offset ? tileColumns - 1 : -1;

        /// <summary>Matrix columns (weights) one tile row of <paramref name="tileColumns"/> cells holds; 0 when none fits.</summary>
        public static int WeightsPerTileRow(int scheme, int tileColumns) =>
            IsPair(scheme) ? tileColumns / 2 : scheme == Offset ? tileColumns - 1 : tileColumns;

        /// <summary>
        /// The inverse of <see cref="CellColumn"/>: the block column whose weight a cell column holds (both cells of a pair
        /// give the pair's column), or -1 for the offset scheme's reference column, which every weight of its row reads.
        /// </summary>
        public static int BlockColumnOf(int scheme, int cellColumn, int tileColumns) =>
            IsPair(scheme) ? cellColumn >> 1 : cellColumn == ReferenceColumn(scheme, tileColumns) ? -1 : cellColumn;

        /// <summary>Pair schemes: whether a cell column is its pair's G- cell (the G+ cell is the column before).</summary>
        public static bool IsMinusCell(int cellColumn) => (cellColumn & 1) == 1;
    }
}
