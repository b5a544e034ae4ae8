using MapDsl.Runtime.Quantization;
using MapDsl.Runtime.Schemes;

namespace MapDsl.Benchmarks;

/// <summary>
/// `map`: the generated <c>Map(weights, state)</c> of one 1024 x 1024 dense layer (bench.xmap: 128 tiles of
/// 128 x 128 cells) into an existing chip state, against a plain copy of as many conductances into the same tile
/// arrays (128 <c>Array.Copy</c> of 16,384 doubles, 16 MB): the copy is what programming must at least cost. The
/// parts of Map are timed too: the finiteness check that also measures w_max (one pass over the weights) and the
/// tile kernels alone. Every candidate is
/// timed by CPU time in three rounds, interleaved, and the fastest round counts, so a busy neighbour moves the
/// ratio less; the wall-clock median is printed beside it.
/// Last line: <c>Map / copy: &lt;x&gt;</c> (differential).
/// </summary>
internal static class MapBench
{
    private const int Rounds = 3;

    public static void Run()
    {
        var weights = RandomWeights.Dense1024();
        var pair = Bench.Pair.Map(weights);
        var twoColumns = Bench.TwoColumns.Map(weights);
        var tiles = pair.AllTiles.ToArray();
        var sources = tiles.Select(t => new double[t.Conductance.Length]).ToArray();
        var cells = tiles.Sum(t => t.Conductance.Length);
        var wMax = WeightRange.RequireFiniteMaxAbs(weights.D, "d");

        var candidates = new (string Step, Action Action)[]
        {
            ($"copy of {cells:N0} conductances ({cells * 8.0 / 1e6:0.0} MB)", () => Copy(sources, tiles)),
            ("check + w_max (WeightRange.RequireFiniteMaxAbs)", () => WeightRange.RequireFiniteMaxAbs(weights.D, "d")),
            ("differential kernels, 128 tiles", () => Kernels(pair, weights.D, wMax)),
            ("Map, differential (Bench.Pair)", () => Bench.Pair.Map(weights, pair)),
            ("Map, two-column (Bench.TwoColumns)", () => Bench.TwoColumns.Map(weights, twoColumns)),
        };

        // CPU time, not wall time: on a machine shared with other builds, wall time mostly measures the wait for a
        // core. Each sample runs a candidate for at least 0.3 s of process CPU time (the clock ticks in 10 ms).
        var fastest = candidates.Select(_ => double.MaxValue).ToArray();
        var wall = candidates.Select(c => Timing.Median(c.Action, 0.5)).ToArray();
        for (var round = 0; round < Rounds; round++)
        {
            for (var i = 0; i < candidates.Length; i++)
            {
                fastest[i] = Math.Min(fastest[i], CpuMillisecondsPerCall(candidates[i].Action));
            }
        }

        var copy = fastest[0];
        Console.WriteLine($"Map of a 1024 x 1024 dense layer into an existing state (CPU ms per call, fastest of {Rounds} interleaved samples)");
        Console.WriteLine($"  {"step",-50} {"CPU time",12} {"x copy",8} {"wall median",12}");
        for (var i = 0; i < candidates.Length; i++)
        {
            Console.WriteLine($"  {candidates[i].Step,-50} {fastest[i],9:0.000} ms {fastest[i] / copy,8:0.00} {Timing.Format(wall[i]),12}");
        }

        Console.WriteLine($"Map / copy: {fastest[3] / copy:0.00}");
    }

    private static double CpuMillisecondsPerCall(Action action)
    {
        var process = System.Diagnostics.Process.GetCurrentProcess();
        process.Refresh();
        var start = process.TotalProcessorTime;
        var calls = 0;
        TimeSpan spent;
        do
        {
            action();
            calls++;
            process.Refresh();
            spent = process.TotalProcessorTime - start;
        }
        while (spent.TotalSeconds < 0.3);

        return spent.TotalMilliseconds / calls;
    }

    private static void Copy(double[][] sources, Runtime.Tiles.CrossbarTile[] tiles)
    {
        for (var t = 0; t < tiles.Length; t++)
        {
            Array.Copy(sources[t], tiles[t].Conductance, sources[t].Length);
        }
    }

    // What the generated ProgramD does: one kernel call per tile of the plan.
    private static void Kernels(Bench.Pair.State state, float[] weights, double wMax)
    {
        var plan = Bench.Pair.D.Plan;
        for (var r = 0; r < plan.TilesAlongRows; r++)
        {
            for (var c = 0; c < plan.TilesAlongColumns; c++)
            {
                var block = plan.Block(r, c);
                DifferentialScheme.Write(
                    state.D[(r * plan.TilesAlongColumns) + c], weights, plan.MatrixRows, block.RowStart, block.RowCount, block.ColumnStart, block.ColumnCount, wMax);
            }
        }
    }
}
