using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Schemes;

/// <summary>
/// What distinguishes the two-cell schemes from each other. Implemented by structs so that the shared
/// <see cref="PairKernel"/> is specialised and inlined per scheme by the JIT.
/// </summary>
internal interface IPairEncoding
{
    /// <summary>Scheme name for error messages.</summary>
    static abstract string Name { get; }

    /// <summary>Ideal (G+, G-) for one weight.</summary>
    static abstract (double GPlus, double GMinus) Pair(double w, double k, CrossbarSpec spec);

    /// <summary>Conductance of cells the tile does not use.</summary>
    static abstract double Idle(CrossbarSpec spec);
}
