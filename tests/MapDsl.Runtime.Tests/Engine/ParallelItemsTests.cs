using MapDsl.Runtime.Engine;

namespace MapDsl.Runtime.Tests.Engine;

/// <summary>A pass shared out between threads runs every item exactly once, large or small.</summary>
public sealed class ParallelItemsTests
{
    [Theory]
    [InlineData(0, 1 << 20)]
    [InlineData(1, 1 << 20)]
    [InlineData(7, 1)]
    [InlineData(1000, 1 << 10)]
    [InlineData(100_000, 64)]
    public void Every_item_runs_once(int items, long workPerItem)
    {
        int[] runs = new int[items];
        ParallelItems.Run(new CountingPass(runs), items, workPerItem);
        runs.ShouldAllBe(count => count == 1);
    }

    private readonly struct CountingPass(int[] runs) : IItemPass
    {
        public void Run(int start, int end)
        {
            for (int item = start; item < end; item++)
            {
                Interlocked.Increment(ref runs[item]);
            }
        }
    }
}
