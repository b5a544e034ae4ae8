using System.Numerics;
using System.Runtime.Intrinsics;
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

    /// <summary>Whether a weight w &gt;= 0 moves the G+ cell (two-column) rather than the G- cell (differential).</summary>
    static abstract bool PositiveOnPlus { get; }

    /// <summary>Ideal (G+, G-) for one weight: the scalar reference.</summary>
    static abstract (double GPlus, double GMinus) Pair(double w, double k, CrossbarSpec spec);

    /// <summary>
    /// The ideal conductance of the cell a weight moves, from <c>k |w|</c>, lane by lane the same value the scalar
    /// <see cref="Pair(double, double, CrossbarSpec)"/> gives that cell (<c>a + k w</c> for w &lt; 0 is exactly
    /// <c>a - k |w|</c>, because negation is exact). The other cell rests at <see cref="Idle"/>, which is a level.
    /// </summary>
    static abstract Vector<double> Moved(Vector<double> kMagnitude, in LevelGrid grid);

    /// <summary><see cref="Moved(Vector{double}, in LevelGrid)"/> for eight weights (the AVX-512 kernel).</summary>
    static abstract Vector512<double> Moved(Vector512<double> kMagnitude, in WideLevelGrid grid);

    /// <summary>Conductance of cells the tile does not use, and of the cell a weight leaves at rest: an end level.</summary>
    static abstract double Idle(CrossbarSpec spec);
}
