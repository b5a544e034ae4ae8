using MapDsl.Runtime.Engine.Graph;

namespace MapDsl.Runtime.Evaluation;

/// <summary>
/// Chooses, for the first changed layer of a trial, between correcting its cached clean output (cost grows with the
/// changes) and recomputing it with the faulty weights (a fixed cost, done by the GEMM).
/// </summary>
/// <remarks>
/// <para>
/// Per image, a correction does changes × positions multiply-adds (positions: outH·outW for a conv, 1 for a dense
/// layer), and a recomputation does the layer's MACs (outC·inC·kH·kW·outH·outW, or inputs·outputs). The GEMM does a
/// multiply-add far faster than the correction loops, which walk short rows (conv) or scattered single values
/// (dense) and cannot block for registers or cache. So the correction is chosen while
/// <c>changes × positions × factor &lt; MACs</c>, where the factor is the measured cost of one correction multiply-add
/// in GEMM multiply-adds.
/// </para>
/// <para>
/// The factors were measured with <c>dotnet run -c Release --project benchmarks/MapDsl.Benchmarks -- incremental</c>
/// (its crossover table times both paths of LeNet-5's c1, c2 and f1 on 1000 images at growing change counts, GEMM on
/// one thread) on the 2-core reference machine. The paths broke even at about 35 changes of c1's 150 weights
/// (factor ≈ 150/35 ≈ 4), 450 of c2's 2,400 (≈ 5) and 850 of f1's 48,000 (≈ 56): a dense correction touches one
/// scattered value per change and image (about 0.7 ns) where the GEMM does a multiply-add in about 0.01 ns. With the
/// factors below the thresholds are 30 (c1), 480 (c2) and 800 (f1) changes. The measurements were noisy (a shared
/// machine), and a wrong factor costs only speed near the threshold, never correctness: both paths give the same
/// result up to float rounding.
/// </para>
/// </remarks>
internal static class CorrectionPolicy
{
    /// <summary>GEMM multiply-adds that one conv correction multiply-add costs (contiguous rows of outW floats).</summary>
    public const double ConvFactor = 5;

    /// <summary>GEMM multiply-adds that one dense correction multiply-add costs (one scattered value per change and image).</summary>
    public const double DenseFactor = 60;

    /// <summary>Whether correcting the clean output of <paramref name="step"/> for this many changes is the cheaper path.</summary>
    public static bool PreferSparse(GraphStep step, int changes) => step switch
    {
        Conv2dStep conv => (double)changes * conv.OutputPlane * ConvFactor < (double)conv.WeightCount * conv.OutputPlane,
        DenseStep dense => changes * DenseFactor < dense.WeightCount,
        _ => false,
    };
}
