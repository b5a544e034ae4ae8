using MapDsl.Runtime.Faults;
using MapDsl.Runtime.Tiles;

namespace MapDsl.Benchmarks;

/// <summary>
/// `faults`: one trial = sample a chip's stuck-at fault map (half stuck-on, half stuck-off) and
/// inject it into the mapped tile state, then clear it for the next trial. The O(faults) sampler
/// (count by inverse binomial CDF, then a lazily drawn permutation) against one Bernoulli draw
/// per cell, on LeNet-5 (lenet5.xmap, mapping DM) and on one 1024 x 1024 dense layer; then the
/// generated Map against a plain copy of the same bytes, and bit-flip trials/s of a campaign (<see cref="BitFlipBench"/>).
/// </summary>
internal static class FaultsBench
{
    private static readonly double[] Rates = [0.0001, 0.001, 0.01, 0.1, 0.5];

    public static void Run()
    {
        var lenetChip = Lab.LeNet.DM.Map(RandomWeights.LeNet5());
        var denseChip = Bench.Pair.Map(RandomWeights.Dense1024());
        var lenet = new Workload("LeNet-5 (DM, 14 tiles)", Lab.LeNet.DM.Shape, map => Trial(map, lenetChip, Lab.LeNet.DM.Inject, lenetChip.AllTiles));
        var dense = new Workload("dense 1024x1024 (128 tiles)", Bench.Pair.Shape, map => Trial(map, denseChip, Bench.Pair.Inject, denseChip.AllTiles));

        Console.WriteLine("sampling + injection of stuck-at faults per chip (median of batches)");
        Console.WriteLine($"{"workload",-28} {"rate",8} {"faults",9} {"O(faults)",12} {"per cell",12} {"speedup",8}");
        var speedupAtTenthPercent = 0.0;
        foreach (var workload in new[] { lenet, dense })
        {
            foreach (var rate in Rates)
            {
                var rates = new FaultRates(rate / 2, rate / 2, 0, 0);
                var faults = FaultMapSampler.Sample(workload.Shape, rates, 1).CellFaultCount;
                var chip = 0UL;
                var fast = Timing.Median(() => workload.Trial(FaultMapSampler.Sample(workload.Shape, rates, ++chip)), 1.0);
                var slow = Timing.Median(() => workload.Trial(FaultMapSampler.SampleBernoulli(workload.Shape, rates, ++chip)), 1.0);
                var speedup = slow / fast;
                if (workload == dense && rate == 0.001)
                {
                    speedupAtTenthPercent = speedup;
                }

                Console.WriteLine($"{workload.Name,-28} {rate * 100,7:0.###}% {faults,9} {Timing.Format(fast),12} {Timing.Format(slow),12} {speedup,7:0.0}x");
            }
        }

        MapThroughput();
        BitFlipBench.Run();
        Console.WriteLine($"speedup at 0.1%: {speedupAtTenthPercent:0.0}");
    }

    // Map reads 4 bytes per weight and writes two 8-byte conductances; a copy of the tile state's
    // bytes is the memory-bandwidth bound it is compared with.
    private static void MapThroughput()
    {
        var weights = RandomWeights.Dense1024();
        var state = Bench.Pair.Map(weights);
        var cells = state.AllTiles.Sum(t => t.Conductance.Length);
        var source = new double[cells];
        var target = new double[cells];
        var map = Timing.Median(() => Bench.Pair.Map(weights, state), 1.0);
        var copy = Timing.Median(() => Array.Copy(source, target, cells), 1.0);
        var bytes = (cells * 8.0) + (weights.D.Length * 4.0);
        Console.WriteLine();
        Console.WriteLine($"generated Map of the 1024x1024 layer: {Timing.Format(map)} ({bytes / map.TotalSeconds / 1e9:0.0} GB/s of weights in + conductances out)");
        Console.WriteLine($"copy of the same {cells * 8.0 / 1e6:0.0} MB of conductances: {Timing.Format(copy)} ({cells * 16.0 / copy.TotalSeconds / 1e9:0.0} GB/s read + write); Map takes {map / copy:0.0}x the copy");
    }

    /// <summary>Injects with the generated Inject, then clears the faults (O(faults)) for the next chip.</summary>
    private static void Trial<TState>(FaultMap map, TState state, Action<TState, FaultMap> inject, IEnumerable<CrossbarTile> tiles)
    {
        inject(state, map);
        foreach (var tile in tiles)
        {
            tile.ClearFaults();
        }
    }

    /// <summary>A mapped chip and one fault trial on it.</summary>
    private sealed record Workload(string Name, MappingShape Shape, Action<FaultMap> Trial);
}
