using System.Diagnostics;
using MapDsl.Runtime.Engine;

namespace MapDsl.Runtime.Tests.Engine;

/// <summary>
/// The pool returns only when every piece has run, passes failures on, never serves two callers, and
/// never makes the caller wait for a worker that has not started.
/// </summary>
public sealed class WorkerPoolTests
{
    [Fact]
    public void Run_returns_only_after_every_piece_finished_even_when_helpers_are_slower_than_the_caller()
    {
        // Pieces of up to 300 microseconds, longer than the caller spins before it blocks: a caller that
        // trusted a stale wake-up would come back with pieces still running.
        var work = new PiecesWork(pieces: 6, seed: 5);
        for (var call = 1; call <= 200; call++)
        {
            work.Reset(call);
            RunWhenFree(work, helpers: 2);
            work.Finished.ShouldAllBe(finishedIn => finishedIn == call, $"call {call}");
        }
    }

    [Fact]
    public void A_failing_piece_fails_the_call_and_leaves_the_pool_usable()
    {
        Should.Throw<InvalidOperationException>(() => RunWhenFree(new FailingWork(), helpers: 1)).Message.ShouldBe("piece failed");

        var work = new PiecesWork(pieces: 4, seed: 6);
        work.Reset(1);
        RunWhenFree(work, helpers: 1);
        work.Finished.ShouldAllBe(finishedIn => finishedIn == 1);
    }

    [Fact]
    public void A_caller_that_finds_the_pool_busy_is_told_so_at_once()
    {
        using var inside = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var holder = new Thread(() => RunWhenFree(new BlockingWork(inside, release), helpers: 1));
        holder.Start();
        inside.Wait();
        try
        {
            WorkerPool.TryRun(new PiecesWork(pieces: 1, seed: 7), helpers: 1).ShouldBeFalse();
        }
        finally
        {
            release.Set();
            holder.Join();
        }
    }

    // Other tests multiply in parallel with these, so the pool may be busy; a refusal runs nothing.
    private static void RunWhenFree(ISharedWork work, int helpers)
    {
        while (!WorkerPool.TryRun(work, helpers))
        {
            Thread.Yield();
        }
    }

    /// <summary>Pieces taken from a counter, each busy for a random time, each recording the call that ran it.</summary>
    private sealed class PiecesWork(int pieces, int seed) : ISharedWork
    {
        private readonly int[] _micros = Enumerable.Range(0, pieces).Select(_ => 0).ToArray();
        private readonly Random _random = new(seed);
        private int _next;
        private int _call;

        public int[] Finished { get; } = new int[pieces];

        public void Reset(int call)
        {
            _call = call;
            _next = 0;
            for (var i = 0; i < pieces; i++)
            {
                _micros[i] = _random.Next(300);
            }
        }

        public void Help()
        {
            for (var piece = Interlocked.Increment(ref _next) - 1; piece < pieces; piece = Interlocked.Increment(ref _next) - 1)
            {
                var until = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * _micros[piece] / 1_000_000);
                while (Stopwatch.GetTimestamp() < until)
                {
                    Thread.SpinWait(10);
                }

                Volatile.Write(ref Finished[piece], _call);
            }
        }
    }

    private sealed class FailingWork : ISharedWork
    {
        public void Help() => throw new InvalidOperationException("piece failed");
    }

    private sealed class BlockingWork(ManualResetEventSlim inside, ManualResetEventSlim release) : ISharedWork
    {
        private int _entered;

        public void Help()
        {
            // Only the first thread in blocks; the others find nothing to do.
            if (Interlocked.Exchange(ref _entered, 1) == 0)
            {
                inside.Set();
                release.Wait();
            }
        }
    }
}
