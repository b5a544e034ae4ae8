using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace MapDsl.Runtime.Engine;

/// <summary>Work split into numbered parts that may run on different threads.</summary>
internal interface IPartitionedWork
{
    /// <summary>Runs part <paramref name="part"/>; parts touch disjoint memory.</summary>
    void RunPart(int part);
}

/// <summary>
/// Dedicated background threads that run the parts of one job at a time, part 0 on the caller. Unlike
/// Parallel.For (which allocates its closure, tasks and loop state on every call) a dispatch here reuses
/// the same workers, events and job object, so the steady state allocates nothing. One job at a time: a
/// caller that finds the pool busy (another thread is multiplying) is told so and runs its work alone.
/// </summary>
/// <remarks>
/// A worker spins for a while after each part before it blocks, because a network's products come back
/// to back and waking a blocked thread costs tens of microseconds (more on a virtual machine), as much
/// as a small product takes. The caller likewise spins for the last part before it blocks.
/// </remarks>
internal static class WorkerPool
{
    private static readonly long SpinTicks = Stopwatch.Frequency / 10_000; // 100 microseconds
    private static readonly Lock Gate = new();
    private static readonly ManualResetEventSlim Done = new(false);
    private static Worker[] _workers = [];
    private static IPartitionedWork? _work;
    private static ExceptionDispatchInfo? _error;
    private static int _pending;

    /// <summary>
    /// Runs parts 0 .. parts-1 of <paramref name="work"/> concurrently and returns when all are done, or
    /// returns false at once, having run nothing, if the pool is serving another caller.
    /// </summary>
    public static bool TryRun(IPartitionedWork work, int parts)
    {
        if (!Gate.TryEnter())
        {
            return false;
        }

        try
        {
            EnsureWorkers(parts - 1);
            _work = work;
            _error = null;
            Volatile.Write(ref _pending, parts - 1);
            for (var part = 1; part < parts; part++)
            {
                _workers[part - 1].Start(part);
            }

            try
            {
                work.RunPart(0);
            }
            catch (Exception e)
            {
                _error ??= ExceptionDispatchInfo.Capture(e);
            }

            // Wait even after a failure: the workers hold pointers into the caller's pinned spans.
            // The count decides, never the event alone: the last worker of the previous job may set the
            // event after that job's caller has already seen the count reach zero, so a set event can be
            // stale. Resetting before each look at the count loses no wake-up.
            if (!SpinUntil(static () => Volatile.Read(ref _pending) == 0))
            {
                while (Volatile.Read(ref _pending) != 0)
                {
                    Done.Wait();
                    Done.Reset();
                }
            }

            _work = null;
            _error?.Throw();
            return true;
        }
        finally
        {
            Gate.Exit();
        }
    }

    /// <summary>Spins for up to <see cref="SpinTicks"/> until the condition holds; false if it never did.</summary>
    private static bool SpinUntil(Func<bool> condition)
    {
        var deadline = Stopwatch.GetTimestamp() + SpinTicks;
        while (!condition())
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                return false;
            }

            Thread.SpinWait(16);
        }

        return true;
    }

    private static void EnsureWorkers(int count)
    {
        if (_workers.Length >= count)
        {
            return;
        }

        var workers = new Worker[count];
        Array.Copy(_workers, workers, _workers.Length);
        for (var i = _workers.Length; i < count; i++)
        {
            workers[i] = new Worker(i + 1);
        }

        _workers = workers;
    }

    private static void Finish(Exception? error)
    {
        if (error != null)
        {
            Interlocked.CompareExchange(ref _error, ExceptionDispatchInfo.Capture(error), null);
        }

        if (Interlocked.Decrement(ref _pending) == 0)
        {
            Done.Set();
        }
    }

    /// <summary>One background thread: spins, then sleeps on its own event, until it is given a part.</summary>
    private sealed class Worker
    {
        private readonly ManualResetEventSlim _wake = new(false);
        private int _ticket; // raised by the caller once per part given to this worker
        private int _part;
        private int _sleeping;

        public Worker(int id)
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = $"MapDsl GEMM worker {id}" };
            thread.Start();
        }

        public void Start(int part)
        {
            _part = part;
            Interlocked.Increment(ref _ticket); // a full fence: the part and the job are visible first
            if (Volatile.Read(ref _sleeping) == 1)
            {
                _wake.Set();
            }
        }

        private void Loop()
        {
            var served = 0;
            while (true)
            {
                // Spin first; then announce sleep and look once more, so a part given in between is seen
                // either here or by Start (which then sets the event): no wake-up is lost.
                if (!SpinUntilTicket(served))
                {
                    _wake.Reset();
                    Interlocked.Exchange(ref _sleeping, 1);
                    if (Volatile.Read(ref _ticket) == served)
                    {
                        _wake.Wait();
                    }

                    Volatile.Write(ref _sleeping, 0);
                    continue;
                }

                served = Volatile.Read(ref _ticket);
                Exception? error = null;
                try
                {
                    _work!.RunPart(_part);
                }
                catch (Exception e)
                {
                    error = e;
                }

                Finish(error);
            }
        }

        private bool SpinUntilTicket(int served)
        {
            var deadline = Stopwatch.GetTimestamp() + SpinTicks;
            while (Volatile.Read(ref _ticket) == served)
            {
                if (Stopwatch.GetTimestamp() > deadline)
                {
                    return false;
                }

                Thread.SpinWait(16);
            }

            return true;
        }
    }
}
