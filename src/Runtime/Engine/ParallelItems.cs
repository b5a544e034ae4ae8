namespace MapDsl.Runtime.Engine;

/// <summary>A pass over items (images, planes, channels) that do not depend on one another.</summary>
internal interface IItemPass
{
    /// <summary>Runs items [start, end).</summary>
    void Run(int start, int end);
}

/// <summary>
/// Runs the passes between the GEMMs (im2col, pooling, relu, copies) on the <see cref="WorkerPool"/> as well: with
/// only the products parallel, a training step spends most of its time on one core while the other waits for the
/// next product. The items are split into contiguous runs; each item is computed by one thread exactly as a serial
/// loop would compute it, so no result depends on the thread count. Small passes stay on the calling thread.
/// </summary>
internal static class ParallelItems
{
    // Floats (read plus written) below which waking a worker costs more than it saves: a few microseconds of work.
    private const long MinWork = 1L << 15;

    /// <summary>Runs <paramref name="pass"/> over items [0, <paramref name="items"/>) on up to <see cref="Gemm.Parallelism"/> threads.</summary>
    /// <param name="pass">The pass; a struct holding what it reads and writes.</param>
    /// <param name="items">Items.</param>
    /// <param name="workPerItem">Floats an item reads and writes, to size the runs.</param>
    public static void Run<TPass>(in TPass pass, int items, long workPerItem)
        where TPass : struct, IItemPass
    {
        int parts = Math.Min(Gemm.Parallelism, items);
        long work = items * workPerItem;
        if (parts > 1 && work >= 2 * MinWork && ItemJob<TPass>.TryRun(pass, items, Chunks(work, items, parts), parts - 1))
        {
            return;
        }

        pass.Run(0, items);
    }

    // Up to 4 runs per thread, so that a thread the OS deschedules holds the pass up by a quarter of its share.
    private static int Chunks(long work, int items, int parts) => (int)Math.Clamp(work / MinWork, parts, Math.Min(items, parts * 4L));

    /// <summary>The shared state of one dispatch, one per pass type and calling thread, reused so that dispatching allocates nothing.</summary>
    private sealed class ItemJob<TPass> : ISharedWork
        where TPass : struct, IItemPass
    {
        [ThreadStatic]
        private static ItemJob<TPass>? t_job;

        private TPass _pass;
        private int _items;
        private int _chunks;
        private int _nextChunk;

        public static bool TryRun(in TPass pass, int items, int chunks, int helpers)
        {
            var job = t_job ??= new ItemJob<TPass>();
            job._pass = pass;
            job._items = items;
            job._chunks = chunks;
            job._nextChunk = 0;
            return WorkerPool.TryRun(job, helpers);
        }

        public void Help()
        {
            for (int chunk = Interlocked.Increment(ref _nextChunk) - 1; chunk < _chunks; chunk = Interlocked.Increment(ref _nextChunk) - 1)
            {
                _pass.Run((int)((long)_items * chunk / _chunks), (int)((long)_items * (chunk + 1) / _chunks));
            }
        }
    }
}
