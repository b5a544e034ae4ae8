using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace MapDsl.Runtime.Engine;

/// <summary>Work that any number of threads can help with at once, each taking pieces until none are left.</summary>
internal interface ISharedWork
{
    /// <summary>Takes and runs pieces of the work until none are left; returns at once if none are.</summary>
    void Help();
}

/// <summary>
/// Dedicated background threads that help the caller with one piece of shared work at a time. Unlike
/// Parallel.For (which allocates its closure, tasks and loop state on every call) a dispatch here reuses
/// the same workers and events, so the steady state allocates nothing. A caller that finds the pool busy
/// (another thread is using it) is told so and does its work alone.
/// </summary>
/// <remarks>
/// <para>
/// The caller never waits for a worker that has not started: it does its own share, then closes the job
/// and waits only for workers already inside it. A worker that wakes late (descheduled on a busy machine)
/// finds the job closed and leaves it alone. The work must therefore be self-scheduling (pieces taken
/// from a shared counter), so that whatever no worker takes the caller does.
/// </para>
/// <para>
/// A worker spins for a while after each job before it blocks, because a network's products come back
/// to back and waking a blocked thread costs tens of microseconds (more on a virtual machine), as much
/// as a small product takes. The caller likewise spins for the last workers before it blocks.
/// </para>
/// </remarks>
internal static class WorkerPool
{
    // The job's state: the number of workers inside it, plus this bit once the caller has closed it.
    private const int Closed = 1 << 30;

    private static readonly long SpinTicks = Stopwatch.Frequency / 10_000; // 100 microseconds
    private static readonly Lock Gate = new();
    private static readonly ManualResetEventSlim LastOneOut = new(false);
    private static Worker[] _workers = [];
    private static ISharedWork? _work;
    private static ExceptionDispatchInfo? _error;
    private static int _state = Closed;

    /// <summary>
    /// Does <paramref name="work"/> on the calling thread with the help of up to <paramref name="helpers"/>
    /// workers and returns when it is all done, or returns false at once, having done nothing, if the pool
    /// is serving another caller.
    /// </summary>
    public static bool TryRun(ISharedWork work, int helpers)
    {
        if (!Gate.TryEnter())
        {
            return false;
        }

        try
        {
            EnsureWorkers(helpers);
            _work = work;
            _error = null;
            Volatile.Write(ref _state, 0); // open: publishes the job to workers that enter from now on
            for (var i = 0; i < helpers; i++)
            {
                _workers[i].Wake();
            }

            try
            {
                work.Help();
            }
            catch (Exception e)
            {
                _error ??= ExceptionDispatchInfo.Capture(e);
            }

            CloseAndWaitForHelpers();
            _error?.Throw();
            return true;
        }
        finally
        {
            Gate.Exit();
        }
    }

    // Workers inside the job may still run pieces (which write the caller's memory): wait for them. The
    // count decides, never the event alone, which a worker of an earlier job may have set late; resetting
    // it before each look at the count loses no wake-up.
    private static void CloseAndWaitForHelpers()
    {
        int state;
        do
        {
            state = Volatile.Read(ref _state);
        }
        while (Interlocked.CompareExchange(ref _state, state | Closed, state) != state);

        if (SpinUntil(static () => Volatile.Read(ref _state) == Closed))
        {
            return;
        }

        while (Volatile.Read(ref _state) != Closed)
        {
            LastOneOut.Wait();
            LastOneOut.Reset();
        }
    }

    // A worker joins the open job, or learns it is closed and must not touch it.
    private static bool TryEnter()
    {
        while (true)
        {
            var state = Volatile.Read(ref _state);
            if ((state & Closed) != 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _state, state + 1, state) == state)
            {
                return true;
            }
        }
    }

    private static void Leave(Exception? error)
    {
        if (error != null)
        {
            Interlocked.CompareExchange(ref _error, ExceptionDispatchInfo.Capture(error), null);
        }

        if (Interlocked.Decrement(ref _state) == Closed)
        {
            LastOneOut.Set();
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

    /// <summary>One background thread: spins, then sleeps on its own event, until it is woken for a job.</summary>
    private sealed class Worker
    {
        private readonly ManualResetEventSlim _wake = new(false);
        private int _ticket; // raised by the caller once per job this worker is asked to help with
        private int _sleeping;

        public Worker(int id)
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = $"MapDsl GEMM worker {id}" };
            thread.Start();
        }

        public void Wake()
        {
            Interlocked.Increment(ref _ticket); // a full fence
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
                // Spin first; then announce sleep and look once more, so a wake-up given in between is
                // seen either here or by Wake (which then sets the event): none is lost.
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
                if (!TryEnter())
                {
                    continue; // woken too late: the caller has finished without us
                }

                Exception? error = null;
                try
                {
                    _work!.Help();
                }
                catch (Exception e)
                {
                    error = e;
                }

                Leave(error);
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
