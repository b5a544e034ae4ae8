using System.Runtime.CompilerServices;
using MapDsl.Runtime.Engine.Kernels;

namespace MapDsl.Runtime.Engine;

/// <summary>
/// The cache-blocked loops around a micro-kernel (the Goto / BLIS order): for each Nc-wide panel of B and
/// each Kc-deep slice of k, pack the B panel; for each Mc-tall block of A, pack it; then sweep the kernel
/// over Mr x Nr tiles with the B sliver held in L1 and the A block in L2.
/// </summary>
/// <remarks>
/// Every element of C gets C + s_0 + s_1 + ..., where s_q is the in-order FMA chain over the q-th Kc slice
/// of k. Nothing else (block sizes in m and n, which tile or thread computes the element, a full or a
/// ragged tile, packed or in-place B) changes that sequence, so the result does not depend on the thread
/// count. The hot methods skip tiered compilation: a product should be as fast on its first call as on
/// its thousandth, and tier-0 code with intrinsics is many times slower.
/// </remarks>
internal static unsafe class GemmDriver<TKernel>
    where TKernel : IMicroKernel
{
    private const int InPlaceRows = 64;

    /// <summary>Computes rows [rowStart, rowEnd) x columns [colStart, colEnd) of C on the calling thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(in GemmProblem problem, int rowStart, int rowEnd, int colStart, int colEnd)
    {
        var mr = TKernel.Mr;
        var nr = TKernel.Nr;
        var buffers = PackBuffers.Get(TKernel.Mc * TKernel.Kc, TKernel.Kc * TKernel.Nc);
        var inPlace = ReadBInPlace(problem, rowEnd - rowStart);
        for (var jc = colStart; jc < colEnd; jc += TKernel.Nc)
        {
            var nc = Math.Min(TKernel.Nc, colEnd - jc);
            for (var pc = 0; pc < problem.K; pc += TKernel.Kc)
            {
                var kc = Math.Min(TKernel.Kc, problem.K - pc);
                var panel = new BPanel(problem.B + (pc * problem.RsB) + (jc * problem.CsB), problem.RsB, inPlace ? nc / nr * nr : 0, buffers.B);
                Packing.Pack(buffers.B, panel.Source + panel.InPlaceColumns, problem.CsB, problem.RsB, nc - panel.InPlaceColumns, kc, nr);

                // Only the first slice may overwrite C; later slices add to what the first left.
                var add = problem.Accumulate || pc > 0;
                for (var ic = rowStart; ic < rowEnd; ic += TKernel.Mc)
                {
                    var mc = Math.Min(TKernel.Mc, rowEnd - ic);
                    var aBlock = problem.A + (ic * problem.RsA) + (pc * problem.CsA);
                    Packing.Pack(buffers.A, aBlock, problem.RsA, problem.CsA, mc, kc, mr);
                    Block(buffers.A, panel, kc, mc, nc, problem.C + (ic * problem.RsC) + jc, problem.RsC, add);
                }
            }
        }
    }

    // Packing B pays when many rows of A reuse each sliver; with a few dozen (a convolution's output
    // channels, a small batch) copying B costs as much as the product (in place ran products with m up to
    // 48 1.3 to 2 times faster, and ones with m = 480 5 % slower), so a row-major B is read where it lies,
    // and only its ragged last sliver is packed (with zero padding, so the kernel never reads past B).
    private static bool ReadBInPlace(in GemmProblem problem, int rows) => problem.CsB == 1 && rows <= InPlaceRows;

    // One A block times one B panel; the B sliver of the outer loop stays in L1 while the inner loop
    // walks the A block.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block(float* a, in BPanel panel, int kc, int mc, int nc, float* c, nint rsC, bool add)
    {
        var mr = TKernel.Mr;
        var nr = TKernel.Nr;
        for (var jr = 0; jr < nc; jr += nr)
        {
            var cols = Math.Min(nr, nc - jr);
            var inPlace = jr < panel.InPlaceColumns;
            var b = inPlace ? panel.Source + jr : panel.Packed + ((jr - panel.InPlaceColumns) * kc);
            var ldb = inPlace ? panel.SourceStride : nr;
            for (var ir = 0; ir < mc; ir += mr)
            {
                TKernel.Run(kc, a + (ir * kc), b, ldb, c + (ir * rsC) + jr, rsC, Math.Min(mr, mc - ir), cols, add);
            }
        }
    }

    /// <summary>
    /// One Kc x Nc panel of B: its first <see cref="InPlaceColumns"/> columns read where they lie (row
    /// stride <see cref="SourceStride"/>), the rest packed into slivers at <see cref="Packed"/>.
    /// </summary>
    private readonly struct BPanel(float* source, nint sourceStride, int inPlaceColumns, float* packed)
    {
        public readonly float* Source = source;
        public readonly nint SourceStride = sourceStride;
        public readonly int InPlaceColumns = inPlaceColumns;
        public readonly float* Packed = packed;
    }
}
