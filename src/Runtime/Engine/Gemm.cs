namespace MapDsl.Runtime.Engine;

/// <summary>
/// Single-precision matrix products on row-major spans: cache-blocked, packed, and register-tiled with
/// the widest FMA the machine has (AVX-512, else AVX2 + FMA, else a portable Vector128 kernel), with a
/// tile shape chosen per product so that skinny products (few rows or few columns, as small networks
/// have) waste little of each tile. Large products run on up to <see cref="Parallelism"/> threads, split
/// over blocks of C; small ones run on the calling thread. After a thread's first call nothing is allocated.
/// </summary>
/// <remarks>
/// Results are bit-identical from run to run for the same shapes, whatever the thread count: each element
/// of C is C (or 0) plus, in order, one in-order FMA chain over each consecutive slice of 256 values of k,
/// however C is split between threads and tiles. Each thread that calls keeps about 2 MB of packing buffers.
/// </remarks>
public static class Gemm
{
    /// <summary>
    /// Products with fewer multiply-adds (m*n*k) than this run on the calling thread: waking a worker costs
    /// microseconds, which such a product does not repay.
    /// </summary>
    internal const long ParallelThreshold = 1L << 18;

    private static int _parallelism = Environment.ProcessorCount;

    /// <summary>
    /// Threads the overloads without a thread count use, including the caller; 1 runs every product on
    /// the calling thread. The layers' passes between products (im2col, pooling, ReLU) share out their
    /// images between as many. Defaults to <see cref="Environment.ProcessorCount"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public static int Parallelism
    {
        get => Volatile.Read(ref _parallelism);
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            Volatile.Write(ref _parallelism, value);
        }
    }

    /// <summary>C[m x n] = A[m x k] * B[k x n] (or += with <paramref name="accumulate"/>), all row-major.</summary>
    /// <param name="a">A, m x k row-major.</param>
    /// <param name="b">B, k x n row-major.</param>
    /// <param name="c">C, m x n row-major; must not overlap A or B.</param>
    /// <param name="m">Rows of C and of A.</param>
    /// <param name="n">Columns of C and of B.</param>
    /// <param name="k">The summed dimension.</param>
    /// <param name="accumulate">Add the product to C instead of overwriting it.</param>
    /// <exception cref="ArgumentException">A size is negative or a span is too short, or C overlaps an input.</exception>
    public static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k, bool accumulate = false) =>
        Multiply(a, b, c, m, n, k, accumulate, Parallelism);

    /// <summary>As <see cref="Multiply(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int, int, int, bool)"/>, on at most <paramref name="threads"/> threads.</summary>
    /// <param name="a">A, m x k row-major.</param>
    /// <param name="b">B, k x n row-major.</param>
    /// <param name="c">C, m x n row-major; must not overlap A or B.</param>
    /// <param name="m">Rows of C and of A.</param>
    /// <param name="n">Columns of C and of B.</param>
    /// <param name="k">The summed dimension.</param>
    /// <param name="accumulate">Add the product to C instead of overwriting it.</param>
    /// <param name="threads">Most threads to use, the caller included; at least 1.</param>
    /// <exception cref="ArgumentException">A size is negative or a span is too short, or C overlaps an input.</exception>
    public static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k, bool accumulate, int threads) =>
        Run(GemmLayout.Plain, a, b, c, m, n, k, accumulate, threads);

    /// <summary>
    /// C[m x n] = A[m x k] * B^T (or += with <paramref name="accumulate"/>), where B is stored n x k row-major:
    /// a dense layer's y = x * W^T with W stored [out, in].
    /// </summary>
    /// <param name="a">A, m x k row-major.</param>
    /// <param name="b">B, n x k row-major (used transposed).</param>
    /// <param name="c">C, m x n row-major; must not overlap A or B.</param>
    /// <param name="m">Rows of C and of A.</param>
    /// <param name="n">Columns of C; rows of the stored B.</param>
    /// <param name="k">The summed dimension.</param>
    /// <param name="accumulate">Add the product to C instead of overwriting it.</param>
    /// <exception cref="ArgumentException">A size is negative or a span is too short, or C overlaps an input.</exception>
    public static void MultiplyTransposedB(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k, bool accumulate = false) =>
        MultiplyTransposedB(a, b, c, m, n, k, accumulate, Parallelism);

    /// <summary>As <see cref="MultiplyTransposedB(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int, int, int, bool)"/>, on at most <paramref name="threads"/> threads.</summary>
    /// <param name="a">A, m x k row-major.</param>
    /// <param name="b">B, n x k row-major (used transposed).</param>
    /// <param name="c">C, m x n row-major; must not overlap A or B.</param>
    /// <param name="m">Rows of C and of A.</param>
    /// <param name="n">Columns of C; rows of the stored B.</param>
    /// <param name="k">The summed dimension.</param>
    /// <param name="accumulate">Add the product to C instead of overwriting it.</param>
    /// <param name="threads">Most threads to use, the caller included; at least 1.</param>
    /// <exception cref="ArgumentException">A size is negative or a span is too short, or C overlaps an input.</exception>
    public static void MultiplyTransposedB(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k, bool accumulate, int threads) =>
        Run(GemmLayout.TransposedB, a, b, c, m, n, k, accumulate, threads);

    /// <summary>
    /// C[m x n] = A^T * B[k x n] (or += with <paramref name="accumulate"/>), where A is stored k x m row-major:
    /// a dense layer's weight gradient dW = dy^T * x.
    /// </summary>
    /// <param name="a">A, k x m row-major (used transposed).</param>
    /// <param name="b">B, k x n row-major.</param>
    /// <param name="c">C, m x n row-major; must not overlap A or B.</param>
    /// <param name="m">Rows of C; columns of the stored A.</param>
    /// <param name="n">Columns of C and of B.</param>
    /// <param name="k">The summed dimension.</param>
    /// <param name="accumulate">Add the product to C instead of overwriting it.</param>
    /// <exception cref="ArgumentException">A size is negative or a span is too short, or C overlaps an input.</exception>
    public static void MultiplyTransposedA(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k, bool accumulate = false) =>
        MultiplyTransposedA(a, b, c, m, n, k, accumulate, Parallelism);

    /// <summary>As <see cref="MultiplyTransposedA(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int, int, int, bool)"/>, on at most <paramref name="threads"/> threads.</summary>
    /// <param name="a">A, k x m row-major (used transposed).</param>
    /// <param name="b">B, k x n row-major.</param>
    /// <param name="c">C, m x n row-major; must not overlap A or B.</param>
    /// <param name="m">Rows of C; columns of the stored A.</param>
    /// <param name="n">Columns of C and of B.</param>
    /// <param name="k">The summed dimension.</param>
    /// <param name="accumulate">Add the product to C instead of overwriting it.</param>
    /// <param name="threads">Most threads to use, the caller included; at least 1.</param>
    /// <exception cref="ArgumentException">A size is negative or a span is too short, or C overlaps an input.</exception>
    public static void MultiplyTransposedA(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k, bool accumulate, int threads) =>
        Run(GemmLayout.TransposedA, a, b, c, m, n, k, accumulate, threads);

    /// <summary>Every public product lands here; tests pass a kernel to run each one the machine has.</summary>
    internal static unsafe void Run(
        GemmLayout layout, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k, bool accumulate, int threads, GemmKernel? kernel = null)
    {
        GemmArguments.Validate(layout, a, b, c, m, n, k, threads);
        if (m == 0 || n == 0)
        {
            return;
        }

        if (k == 0)
        {
            // An empty sum: C keeps its value or becomes zero.
            if (!accumulate)
            {
                c[..(m * n)].Clear();
            }

            return;
        }

        fixed (float* pa = a, pb = b, pc = c)
        {
            Run(layout, pa, layout == GemmLayout.TransposedA ? m : k, pb, layout == GemmLayout.TransposedB ? k : n, pc, n, m, n, k, accumulate, threads, kernel);
        }
    }

    /// <summary>
    /// The product of blocks of larger row-major arrays: the stored A, B and C have rows <paramref name="lda"/>,
    /// <paramref name="ldb"/> and <paramref name="ldc"/> floats apart (their leading dimensions), so a caller can
    /// multiply some columns of a matrix without copying them out. Unchecked: m, n and k must be positive and every
    /// element in range.
    /// </summary>
    internal static unsafe void Run(
        GemmLayout layout, float* a, nint lda, float* b, nint ldb, float* c, nint ldc, int m, int n, int k, bool accumulate, int threads, GemmKernel? kernel = null)
    {
        var problem = layout switch
        {
            GemmLayout.TransposedA => new GemmProblem(a, 1, lda, b, ldb, 1, c, ldc, m, n, k, accumulate),
            GemmLayout.TransposedB => new GemmProblem(a, lda, 1, b, 1, ldb, c, ldc, m, n, k, accumulate),
            _ => new GemmProblem(a, lda, 1, b, ldb, 1, c, ldc, m, n, k, accumulate),
        };
        GemmJob.Run(problem, kernel ?? GemmKernels.Choose(m, n), threads);
    }
}
