using MapDsl.Generator.Common;

namespace MapDsl.Generator.Model
{
    /// <summary>The placement schemes of the language.</summary>
    internal enum SchemeKind
    {
        TwoColumn,
        Differential,
        Offset,
        WeightStationary,
    }

    /// <summary>
    /// A <c>quantize</c> statement, bound: bits (2..16), an asymmetric or symmetric range, unsigned or signed
    /// (two's complement) codes, truncation or rounding, and clip (0 = none). The runtime's <c>Quantizer</c> holds the
    /// same five things and defines what they do.
    /// </summary>
    internal sealed record QuantizeModel(int Bits, bool Asymmetric, bool Unsigned, bool Truncate, double Clip, string Source)
    {
        /// <summary>Whether the biases are stored as codes too (the word <c>biases</c>), after each layer's weight codes.</summary>
        public bool Biases { get; init; }
    }

    /// <summary>
    /// How one weighted layer's crossbar matrix is cut into tiles. A tile of TileRows x TileColumns
    /// cells holds TileRows matrix rows and <see cref="WeightsPerTileRow"/> matrix columns.
    /// </summary>
    internal sealed record TilePlanModel(int MatrixRows, int MatrixColumns, int TileRows, int TileColumns, int CellsPerWeight, int WeightsPerTileRow)
    {
        public int TilesAlongRows => (MatrixRows + TileRows - 1) / TileRows;

        public int TilesAlongColumns => (MatrixColumns + WeightsPerTileRow - 1) / WeightsPerTileRow;

        public int TileCount => TilesAlongRows * TilesAlongColumns;
    }

    /// <summary>One weighted layer of a mapping: the layer, its tile plan and its pruning rule.</summary>
    internal sealed record LayerMappingModel(LayerModel Layer, TilePlanModel Plan, LayerPruningModel? Pruning);

    /// <summary>
    /// A bound mapping: a network on a crossbar (<see cref="Crossbar"/>) or a systolic array
    /// (<see cref="Systolic"/>, exactly one is set), with scheme, optional pruning and quantization.
    /// </summary>
    internal sealed record MappingModel(
        string Namespace,
        string Name,
        Origin Origin,
        NetworkModel Network,
        CrossbarModel? Crossbar,
        SystolicModel? Systolic,
        SchemeKind Scheme,
        string SchemeWord,
        PruningModel? Pruning,
        QuantizeModel? Quantize,
        EquatableArray<LayerMappingModel> Layers)
        : DeclarationModel(Namespace, Name, Origin)
    {
        public DeclarationModel Target => (DeclarationModel?)Crossbar ?? Systolic!;

        public bool IsQuantized => Quantize is not null;

        /// <summary>Whether the biases are stored as codes too (<c>quantize ... biases</c>).</summary>
        public bool QuantizesBiases => Quantize?.Biases == true;

        /// <summary>Bits of each stored weight code; 0 when weights are not quantized.</summary>
        public int QuantizeBits => Quantize?.Bits ?? 0;
    }
}
