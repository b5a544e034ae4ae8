namespace MapDsl.Runtime.Engine;

/// <summary>
/// A product split into parts for the worker pool: contiguous runs of whole kernel tiles along m or n,
/// so each part is an independent smaller product with its own packing. Splitting whole tiles keeps every
/// part's tiles full where the single-threaded run's are; which part computes an element never changes
/// how it is summed.
/// </summary>
internal sealed class GemmJob : IPartitionedWork
{
    // One per calling thread, reused, so dispatching allocates nothing.
    [ThreadStatic]
    private static GemmJob? t_job;

    private GemmProblem _problem;
    private GemmKernel _kernel;
    private bool _splitRows;
    private int _unit;
    private int _parts;

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
        var parts = Math.Min(threads, splitRows ? rowTiles : colTiles);
        if (parts > 1 && (long)problem.M * problem.N * problem.K >= Gemm.ParallelThreshold)
        {
            var job = t_job ??= new GemmJob();
            job._problem = problem;
            job._kernel = kernel;
            job._splitRows = splitRows;
            job._unit = splitRows ? mr : nr;
            job._parts = parts;
            if (WorkerPool.TryRun(job, parts))
            {
                return;
            }
        }

        GemmKernels.Run(kernel, problem, 0, problem.M, 0, problem.N);
    }

    public void RunPart(int part)
    {
        var (start, end) = Range(_splitRows ? _problem.M : _problem.N, _unit, _parts, part);
        if (_splitRows)
        {
            GemmKernels.Run(_kernel, _problem, start, end, 0, _problem.N);
        }
        else
        {
            GemmKernels.Run(_kernel, _problem, 0, _problem.M, start, end);
        }
    }

    /// <summary>Part <paramref name="part"/> of <paramref name="parts"/> near-equal runs of whole <paramref name="unit"/>-long tiles.</summary>
    internal static (int Start, int End) Range(int length, int unit, int parts, int part)
    {
        var tiles = (length + unit - 1) / unit;
        var start = Math.Min(length, (int)((long)tiles * part / parts) * unit);
        var end = Math.Min(length, (int)((long)tiles * (part + 1) / parts) * unit);
        return (start, end);
    }
}
