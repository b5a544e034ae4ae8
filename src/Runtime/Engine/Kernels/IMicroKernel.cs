namespace MapDsl.Runtime.Engine.Kernels;

/// <summary>
/// A register-tiled inner kernel: one <see cref="Mr"/> x <see cref="Nr"/> tile of C from packed slivers.
/// The driver is generic over a struct implementing this, so the JIT specializes the blocked loops for
/// each kernel and the tile and block sizes become constants. The SIMD kernels are written out in full,
/// one line per FMA: the JIT keeps each accumulator in a register only as a separate local, and C# has no
/// macros to write them otherwise.
/// </summary>
internal unsafe interface IMicroKernel
{
    /// <summary>Rows of the C tile: how many A values are broadcast per step of k.</summary>
    static abstract int Mr { get; }

    /// <summary>Columns of the C tile: the vector width times the vectors per row.</summary>
    static abstract int Nr { get; }

    /// <summary>
    /// Depth of a packed slice of k. The same (256) for every kernel, so that every kernel sums an element
    /// of C in the same order and the choice of kernel never changes a result.
    /// </summary>
    static abstract int Kc { get; }

    /// <summary>Rows of A packed at once; the block (Mc x Kc) should stay in L2. A multiple of Mr.</summary>
    static abstract int Mc { get; }

    /// <summary>Columns of B packed at once; the panel (Kc x Nc) should stay in L3. A multiple of Nr.</summary>
    static abstract int Nc { get; }

    /// <summary>
    /// Computes t = sum over p &lt; kc of a[p*Mr + i] * b[p*ldb + j], as one FMA chain per element in order
    /// of p from t = 0, then writes c[i*rsC + j] = t (or c + t when <paramref name="add"/>) for i &lt; rows
    /// and j &lt; cols only. Memory of C past those rows and columns is neither read nor written; all Nr
    /// columns of B are read. <paramref name="ldb"/> is Nr for a packed sliver, or the row stride of a
    /// row-major B read in place.
    /// </summary>
    static abstract void Run(int kc, float* a, float* b, nint ldb, float* c, nint rsC, int rows, int cols, bool add);
}
