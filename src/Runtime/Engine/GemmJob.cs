namespace MapDsl.Runtime.Engine;

/// <summary>
/// A product split for the worker pool into chunks: contiguous runs of whole kernel tiles along m or n,
/// each an independent smaller product with its own packing. Threads take chunks from a shared counter
/// rather than one fixed share each, so a thread the OS deschedules (a busy shared machine) delays the
/// product by one chunk, not by half of it. Which thread computes an element never changes how it is summed.
/// </summary>
internal sealed class GemmJob : ISharedWork
{
    private const long MinChunkWork = 1L << 19;
    private const int MinSharedReuse = 64;

    // One per calling thread, reused, so dispatching allocates nothing.
    [ThreadStatic]
    private static GemmJob? t_job;

    private GemmProblem _problem;
    private GemmKernel _kernel;
    private bool _splitRows;
    private int _unit;
    private int _chunks;
    private int _nextChunk;

    /// <summary>
    /// Computes the product on up to <paramref name="threads"/> threads (the caller and pool workers), or on
    /// the caller alone when there is too little work, or the pool is busy with another caller's product.
    /// </summary>
    public static void Run(in GemmProblem problem, GemmKernel kernel, int threads)
    {
        var (mr, nr) = GemmKernels.Tile(kernel);
        var rowTiles = (problem.M + mr - 1) / mr;
        var colTiles = (problem.N + nr - 1) / nr;
        var splitRows = rowTiles >= colTiles;
        var tiles = splitRows ? rowTiles : colTiles;
        var parts = Math.Min(threads, tiles);
        if (parts > 1 && (long)problem.M * problem.N * problem.K >= Gemm.ParallelThreshold)
        {
            var job = t_job ??= new GemmJob();
            job._problem = problem;
            job._kernel = kernel;
            job._splitRows = splitRows;
            job._unit = splitRows ? mr : nr;
            job._chunks = Chunks(problem, tiles, parts, splitRows);
            job._nextChunk = 0;
            if (WorkerPool.TryRun(job, helpers: parts - 1))
            {
                return;
            }
        }

        GemmKernels.Run(kernel, problem, 0, problem.M, 0, problem.N);
    }

    // Up to 8 chunks per thread, each of at least MinChunkWork multiply-adds: small enough that a thread
    // descheduled mid-chunk holds the product up little, large enough that per-chunk costs (packing, loop
    // set-up) stay small. On 512^3 sixteen chunks of 32 rows (B read in place) ran as fast as two halves.
    // A chunk packs all of the operand it shares with the others (A when the chunks split the columns, a
    // transposed B when they split the rows), which costs about as much as multiplying it by a few dozen
    // rows, so such chunks span at least MinSharedReuse rows or columns: a dense layer's 128 x 120 x 400
    // product in eleven chunks of 12 rows, each transposing all of W, ran no faster on two threads than on one.
    private static int Chunks(in GemmProblem problem, int tiles, int parts, bool splitRows)
    {
        var byWork = (long)problem.M * problem.N * problem.K / MinChunkWork;
        var repacks = !splitRows || problem.CsB != 1;
        var byReuse = repacks ? Math.Max(parts, (splitRows ? problem.M : problem.N) / MinSharedReuse) : tiles;
        return (int)Math.Clamp(byWork, parts, Math.Min(Math.Min(tiles, byReuse), parts * 8L));
    }

    public void Help()
    {
        var length = _splitRows ? _problem.M : _problem.N;
        for (var chunk = Interlocked.Increment(ref _nextChunk) - 1; chunk < _chunks; chunk = Interlocked.Increment(ref _nextChunk) - 1)
        {
            var (start, end) = Range(length, _unit, _chunks, chunk);
            if (_splitRows)
            {
                GemmKernels.Run(_kernel, _problem, start, end, 0, _problem.N);
            }
            else
            {
                GemmKernels.Run(_kernel, _problem, 0, _problem.M, start, end);
            }
        }
    }

    /// <summary>Chunk <paramref name="chunk"/> of <paramref name="chunks"/> near-equal runs of whole <paramref name="unit"/>-long tiles.</summary>
    internal static (int Start, int End) Range(int length, int unit, int chunks, int chunk)
    {
        var tiles = (length + unit - 1) / unit;
        var start = Math.Min(length, (int)((long)tiles * chunk / chunks) * unit);
        var end = Math.Min(length, (int)((long)tiles * (chunk + 1) / chunks) * unit);
        return (start, end);
    }
}
