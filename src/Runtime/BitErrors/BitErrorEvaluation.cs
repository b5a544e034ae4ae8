using MapDsl.Runtime.Campaigns;
using MapDsl.Runtime.Contract;
using MapDsl.Runtime.Evaluation;
using MapDsl.Runtime.Faults;

namespace MapDsl.Runtime.BitErrors;

/// <summary>
/// Random bit errors in the stored weight codes of one trained, quantized network, measured the way Stutz et al.
/// report them: for each rate p and pattern n, the mapping's fault sampler at bit-flip rate p with chip seed n (so the
/// errors of pattern n at a lower rate are a subset of those at a higher rate), and the test error and robust error
/// under them. Only the codes a pattern flips are decoded and only their effect on the layer outputs is corrected, on
/// top of the clean activations cached once (O(flipped bits) per pattern, bit-identical to mapping, flipping and
/// evaluating from scratch).
/// </summary>
/// <typeparam name="TWeights">The network's generated weights type.</typeparam>
public sealed class BitErrorEvaluation<TWeights>
    where TWeights : class, INetworkWeights<TWeights>
{
    private readonly MappingEvaluation<TWeights> _evaluation;

    /// <summary>Maps the network error-free and caches its clean activations on the test set.</summary>
    /// <param name="evaluation">The mapping, the trained network and the test set.</param>
    /// <exception cref="ArgumentException">The mapping stores no codes (no quantize statement).</exception>
    public BitErrorEvaluation(MappingEvaluation<TWeights> evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        if (evaluation.Mapping.Quantizer is null)
        {
            throw new ArgumentException($"Mapping {evaluation.Mapping.Name} does not quantize its weights, so it has no bits to flip.", nameof(evaluation));
        }

        _evaluation = evaluation;
    }

    /// <summary>Test images.</summary>
    public int Images => _evaluation.TestImages;

    /// <summary>The clean test error of the quantized network.</summary>
    public double CleanError => 1 - _evaluation.CleanAccuracy;

    /// <summary>Every rate with patterns 1 .. <paramref name="patterns"/>, rate by rate; the same on any number of workers.</summary>
    /// <param name="rates">Bit error rates (fractions).</param>
    /// <param name="patterns">Patterns per rate, at least 1.</param>
    /// <param name="workers">Threads, at least 1.</param>
    /// <param name="progress">Called after each pattern with the number done so far (from any thread).</param>
    /// <param name="cancel">Checked before each pattern.</param>
    /// <returns>One score per (rate, pattern), in rate then pattern order.</returns>
    public IReadOnlyList<BitErrorScore> Run(IReadOnlyList<double> rates, int patterns, int workers = 1, Action<int>? progress = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(rates);
        ArgumentOutOfRangeException.ThrowIfLessThan(patterns, 1);
        return Parallel(rates.Count * patterns, workers, (worker, i) => worker.Score(rates[i / patterns], 1 + (i % patterns)), progress, cancel);
    }

    /// <summary>
    /// Patterns 1 .. <paramref name="patterns"/> of a profiled chip (see <see cref="BitErrorProfile.Sample"/>); the same on
    /// any number of workers.
    /// </summary>
    /// <param name="profile">The profiled chip; it must fit the mapping.</param>
    /// <param name="patterns">Patterns, at least 1.</param>
    /// <param name="workers">Threads, at least 1.</param>
    /// <param name="progress">Called after each pattern with the number done so far (from any thread).</param>
    /// <param name="cancel">Checked before each pattern.</param>
    /// <returns>One score per pattern, rate NaN.</returns>
    /// <exception cref="ArgumentException">The profile does not fit the mapping.</exception>
    public IReadOnlyList<BitErrorScore> Run(BitErrorProfile profile, int patterns, int workers = 1, Action<int>? progress = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentOutOfRangeException.ThrowIfLessThan(patterns, 1);
        if (profile.Misfit(_evaluation.Mapping.Shape) is { } misfit)
        {
            throw new ArgumentException($"The bit error profile does not fit: {misfit}.", nameof(profile));
        }

        return Parallel(patterns, workers, (worker, i) => worker.Score(profile.Sample(_evaluation.Mapping, i + 1), double.NaN, i + 1), progress, cancel);
    }

    private BitErrorScore[] Parallel(int count, int workers, Func<Worker, int, BitErrorScore> score, Action<int>? progress, CancellationToken cancel)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        var scores = new BitErrorScore[count];
        int done = 0;
        System.Threading.Tasks.Parallel.For(
            0,
            count,
            new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancel },
            () => new Worker(_evaluation),
            (i, _, worker) =>
            {
                scores[i] = score(worker, i);
                progress?.Invoke(Interlocked.Increment(ref done));
                return worker;
            },
            _ => { });
        return scores;
    }

    /// <summary>One pattern at one rate, on the calling thread.</summary>
    /// <param name="rate">The bit error rate p.</param>
    /// <param name="pattern">The pattern's chip seed, at least 1.</param>
    public BitErrorScore Score(double rate, int pattern) => new Worker(_evaluation).Score(rate, pattern);

    /// <summary>
    /// The chip of a given fault map: a profiled pattern (<see cref="BitErrorProfile.Sample"/>) or a fixed one read from a
    /// fault map file. Its rate is reported as NaN and its pattern as the map's seed (0 when it has none).
    /// </summary>
    /// <param name="faults">A bit flip map made for this evaluation's mapping.</param>
    /// <exception cref="ArgumentException">The map does not fit the mapping.</exception>
    public BitErrorScore Score(FaultMap faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        if (!faults.Matches(_evaluation.Mapping.Shape, out var problem))
        {
            throw new ArgumentException($"The fault map does not fit mapping {_evaluation.Mapping.Name}: {problem}", nameof(faults));
        }

        return new Worker(_evaluation).Score(faults, double.NaN, (int)(faults.Seed ?? 0));
    }

    // One thread's buffers: the fault-free chip's codes, the changed weights, the evaluator's workspace.
    private sealed class Worker
    {
        private readonly MappingEvaluation<TWeights> _evaluation;
        private readonly FaultMapChanges _mapChanges;
        private readonly WeightChanges[] _changes;
        private readonly IncrementalWorkspace _workspace;

        public Worker(MappingEvaluation<TWeights> evaluation)
        {
            _evaluation = evaluation;
            var layers = evaluation.Network.LayerNames;
            _mapChanges = FaultMapChanges.For(evaluation.Mapping.Map(evaluation.Network), [.. layers.Select(evaluation.CleanReadBack.WeightsOf)]);
            _changes = [.. layers.Select(_ => new WeightChanges())];
            _workspace = evaluation.Evaluator.CreateWorkspace();
        }

        public BitErrorScore Score(double rate, int pattern)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(pattern, 1);
            return Score(_evaluation.Mapping.SampleFaults(FaultRates.None with { BitFlip = rate }, (ulong)pattern), rate, pattern);
        }

        public BitErrorScore Score(FaultMap faults, double rate, int pattern)
        {
            _mapChanges.Collect(faults, _changes);
            foreach (var layer in _changes)
            {
                // Corrections sum in the order of the changes; weight order makes the result independent of the map's order.
                layer.SortByIndex();
            }

            var (correct, both) = _evaluation.Evaluator.CountCorrectWithClean(_changes, _workspace);
            return new BitErrorScore(rate, pattern, correct, both, _evaluation.TestImages);
        }
    }
}
