using MapDsl.Runtime.Evaluation;
using MapDsl.Runtime.Faults;

namespace MapDsl.Benchmarks;

/// <summary>
/// One trial of the peer workload (`campaign`): the 1024 x 1024 dense layer of bench.xmap on two-column pairs,
/// mapped once; per chip (seed = chip), find the weights its stuck cells change in O(faults) and evaluate the layer on
/// the fixed batch with them: either straight from the sampler's draws (<see cref="Run"/>) or through a fault map
/// injected into the tiles (<see cref="RunInjected"/>). Linked into MapDsl.Generated.Tests, which checks both against
/// a from-scratch evaluation.
/// </summary>
internal sealed class CampaignTrial
{
    /// <summary>Samples in the batch, as in the peers' workload.</summary>
    public const int Batch = 256;

    /// <summary>Inputs and outputs of the layer.</summary>
    public const int Width = 1024;

    private readonly CleanTiles _cleanTiles;
    private readonly FaultedWeights _faulted;
    private readonly FaultyDense _dense;
    private readonly LayerFaults _faults = new("d");
    private readonly LayerFaults[] _layers;

    /// <summary>Maps the layer once and prepares the batch.</summary>
    /// <param name="weights">The layer's clean weights and bias.</param>
    /// <param name="input">The batch, [Batch, Width].</param>
    public CampaignTrial(Bench.Dense1024.Weights weights, float[] input)
    {
        _layers = [_faults];
        State = Bench.TwoColumns.Map(weights);
        var layer = State.MappedLayers[0];
        CleanWeights = Bench.TwoColumns.ReadBack(State).D;
        _cleanTiles = CleanTiles.Capture(layer);
        _faulted = new FaultedWeights(layer);
        _dense = new FaultyDense(CleanWeights, State.DBias, input, Batch, Width, Width);
    }

    /// <summary>The mapped chip; clean between trials.</summary>
    public Bench.TwoColumns.State State { get; }

    /// <summary>The clean chip's read-back weights, [outputs, inputs]: the baseline the changes are relative to.</summary>
    public float[] CleanWeights { get; }

    /// <summary>The last trial's changed weights.</summary>
    public WeightChanges Changes { get; } = new(1 << 16);

    /// <summary>The last trial's output, [outputs, batch].</summary>
    public float[] Output { get; } = new float[Width * Batch];

    /// <summary>Changed weights below which the sparse path is taken.</summary>
    public int SparseLimit => _dense.SparseLimit;

    /// <summary>
    /// Runs the trial of chip <paramref name="chip"/> the campaign way and adds its phase times to
    /// <paramref name="times"/>: the changed weights straight from the tiles' draws and the clean conductances
    /// (<see cref="FaultedWeights.CollectSampled"/>: no fault map, no injection, nothing to restore; timed as
    /// "sample"), then the forward pass.
    /// </summary>
    /// <param name="rates">Stuck-at rates per cell.</param>
    /// <param name="chip">The chip's seed.</param>
    /// <param name="times">Where to add the phase times, or null.</param>
    /// <returns>The path the forward pass took.</returns>
    public DensePath Run(FaultRates rates, ulong chip, PhaseTimes? times = null)
    {
        long start = PhaseClock.Now();
        _faulted.CollectSampled(Bench.TwoColumns.Shape, 0, rates, chip, _cleanTiles, Changes);
        long collected = PhaseClock.Now();
        var path = _dense.Evaluate(Changes, Output);
        long evaluated = PhaseClock.Now();
        times?.Add(collected - start, 0, 0, evaluated - collected, 0, Changes.Count, path);
        return path;
    }

    /// <summary>
    /// The same trial through the chip's tiles, as a campaign that needs the fault map does it: sample the map,
    /// inject it with the generated <c>Inject</c>, collect the changed weights from the tiles
    /// (<see cref="FaultedWeights.Collect"/>), restore the clean tiles, then the forward pass (`campaign --inject`).
    /// </summary>
    /// <param name="rates">Stuck-at rates per cell.</param>
    /// <param name="chip">The chip's seed.</param>
    /// <param name="times">Where to add the phase times, or null.</param>
    /// <returns>The path the forward pass took.</returns>
    public DensePath RunInjected(FaultRates rates, ulong chip, PhaseTimes? times = null)
    {
        long start = PhaseClock.Now();
        var map = Sample(rates, chip);
        long sampled = PhaseClock.Now();
        Bench.TwoColumns.Inject(State, map);
        long injected = PhaseClock.Now();
        _faulted.Collect(map.Layers[0], CleanWeights, Changes);
        long collected = PhaseClock.Now();

        // The tiles are restored before the forward pass, which no longer needs them: the conductances the faults
        // touched are still in cache from Inject and Collect, and the pass would evict them.
        _cleanTiles.Restore();
        long restored = PhaseClock.Now();
        var path = _dense.Evaluate(Changes, Output);
        long evaluated = PhaseClock.Now();
        times?.Add(sampled - start, injected - sampled, collected - injected, evaluated - restored, restored - collected, Changes.Count, path);
        return path;
    }

    /// <summary>
    /// The chip's fault map, the same as the generated <c>SampleFaults(rates, chip)</c> (tiles have their own
    /// streams, so sampling them one by one gives the same sorted list), but into one list kept across trials:
    /// a fresh map at 10% grows a 3 MB list per chip, and those large-object allocations cost full collections.
    /// </summary>
    private FaultMap Sample(FaultRates rates, ulong chip)
    {
        var cells = _faults.Cells;
        cells.Clear();
        for (int tile = 0; tile < Bench.TwoColumns.D.TileCount; tile++)
        {
            FaultMapSampler.SampleTileCells(Bench.TwoColumns.Shape, rates, chip, 0, tile, cells);
        }

        return new FaultMap(Bench.TwoColumns.Shape.Mapping, chip, rates, _layers, []);
    }

    /// <summary>A seeded batch of inputs in [-1, 1), [Batch, Width].</summary>
    /// <param name="seed">Seed of the batch.</param>
    public static float[] RandomInput(int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, Batch * Width).Select(_ => (float)((random.NextDouble() * 2) - 1))];
    }

    /// <summary>Phase times summed over trials, in <see cref="PhaseClock"/> ticks.</summary>
    internal sealed class PhaseTimes
    {
        public long Sample { get; private set; }

        public long Inject { get; private set; }

        public long Changes { get; private set; }

        public long Forward { get; private set; }

        public long Restore { get; private set; }

        public long ChangedWeights { get; private set; }

        public int Trials { get; private set; }

        public int SparseTrials { get; private set; }

        public long Total => Sample + Inject + Changes + Forward + Restore;

        public void Add(PhaseTimes other)
        {
            Sample += other.Sample;
            Inject += other.Inject;
            Changes += other.Changes;
            Forward += other.Forward;
            Restore += other.Restore;
            ChangedWeights += other.ChangedWeights;
            Trials += other.Trials;
            SparseTrials += other.SparseTrials;
        }

        public void Add(long sample, long inject, long changes, long forward, long restore, int changedWeights, DensePath path)
        {
            Sample += sample;
            Inject += inject;
            Changes += changes;
            Forward += forward;
            Restore += restore;
            ChangedWeights += changedWeights;
            Trials++;
            SparseTrials += path == DensePath.Sparse ? 1 : 0;
        }
    }
}
