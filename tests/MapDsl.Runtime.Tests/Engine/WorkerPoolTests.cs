using System.Diagnostics;
using MapDsl.Runtime.Engine;

namespace MapDsl.Runtime.Tests.Engine;

/// <summary>The pool returns only when every part has run, passes failures on, and never serves two callers.</summary>
public sealed class WorkerPoolTests
{
    [Fact]
    public void Run_returns_only_after_every_part_finished_even_when_workers_are_slower_than_the_caller()
    {
        // Workers busy for up to 300 microseconds, longer than the caller spins before it blocks, with the
        // caller's own part empty: a caller that trusted a stale wake-up would come back early.
        var work = new RecordingWork(seed: 5);
        for (var call = 1; call <= 300; call++)
        {
            work.Call = call;
            RunWhenFree(work, parts: 3);
            work.Finished.ShouldBe([call, call, call], $"call {call}");
        }
    }

    [Fact]
    public void A_failing_part_fails_the_call_and_leaves_the_pool_usable()
    {
        var failing = new FailingWork();
        Should.Throw<InvalidOperationException>(() => RunWhenFree(failing, parts: 2)).Message.ShouldBe("part 1 failed");

        var work = new RecordingWork(seed: 6) { Call = 1 };
        RunWhenFree(work, parts: 2);
        work.Finished[..2].ShouldBe([1, 1]);
    }

    [Fact]
    public void A_caller_that_finds_the_pool_busy_is_told_so_at_once()
    {
        using var inside = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var holder = new Thread(() => WorkerPool.TryRun(new BlockingWork(inside, release), parts: 2));
        holder.Start();
        inside.Wait();
        try
        {
            WorkerPool.TryRun(new RecordingWork(seed: 7), parts: 2).ShouldBeFalse();
        }
        finally
        {
            release.Set();
            holder.Join();
        }
    }

    // Other tests multiply in parallel with these, so the pool may be busy; a refusal runs nothing.
    private static void RunWhenFree(IPartitionedWork work, int parts)
    {
        while (!WorkerPool.TryRun(work, parts))
        {
            Thread.Yield();
        }
    }

    private sealed class RecordingWork(int seed) : IPartitionedWork
    {
        private readonly Random _random = new(seed);

        public int Call { get; set; }

        public int[] Finished { get; } = new int[3];

        public void RunPart(int part)
        {
            if (part > 0)
            {
                int micros;
                lock (_random)
                {
                    micros = _random.Next(300);
                }

                var until = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * micros / 1_000_000);
                while (Stopwatch.GetTimestamp() < until)
                {
                    Thread.SpinWait(10);
                }
            }

            Volatile.Write(ref Finished[part], Call);
        }
    }

    private sealed class FailingWork : IPartitionedWork
    {
        public void RunPart(int part)
        {
            if (part == 1)
            {
                throw new InvalidOperationException("part 1 failed");
            }
        }
    }

    private sealed class BlockingWork(ManualResetEventSlim inside, ManualResetEventSlim release) : IPartitionedWork
    {
        public void RunPart(int part)
        {
            if (part == 0)
            {
                inside.Set();
                release.Wait();
            }
        }
    }
}
