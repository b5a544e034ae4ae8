using System.Collections.Concurrent;
using MapDsl.Runtime.Engine.Graph;
using MapDsl.Runtime.Engine.Layers;

namespace MapDsl.Runtime.Evaluation;

/// <summary>
/// Counts how many of a fixed labelled input set a network classifies correctly when a few of its weights change, as
/// in a fault campaign that evaluates thousands of faulty chips of one network on the same test images, without
/// recomputing what the changes cannot affect.
/// </summary>
/// <remarks>
/// <para>
/// At construction the clean network runs once over all inputs (in chunks) and every weighted layer's input and clean
/// output (and in a residual block the block input the other path reads) are cached (see <see cref="CacheBytes"/>: about 36 KB per image for LeNet-5). A trial then starts at the
/// first changed weighted layer L: the layers before it produce the clean activations, so L's cached input is used as
/// is; L's output is its cached clean output plus a sparse correction when that is cheaper, else a full forward of L
/// with the faulty weights (see <see cref="UsesSparseCorrection"/>); every later layer runs in full with its own
/// (possibly faulty) weights. A trial with no changes returns <see cref="CleanCorrect"/> at once. In a network with
/// batch norms or residual blocks, a trial whose first change leaves most of the network to recompute runs it whole,
/// depth-first, from the cached input instead, which is faster (<see cref="RestartPolicy"/>).
/// </para>
/// <para>
/// The evaluator is immutable after construction and may be shared by any number of threads; each thread passes its
/// own <see cref="IncrementalWorkspace"/> (<see cref="CreateWorkspace"/>), or uses the overloads without one, which
/// borrow a workspace from a pool. The counts equal those of a from-scratch forward pass with the faulty weights,
/// except for an input whose two largest logits lie within float rounding of each other (a correction sums in a
/// different order than a recomputation).
/// </para>
/// </remarks>
public sealed class IncrementalEvaluator
{
    /// <summary>Inputs per chunk unless told otherwise: large enough for efficient GEMMs, small enough for cache.</summary>
    public const int DefaultChunkSize = 250;

    private readonly float[][] _clean;
    private readonly float[][] _biases;
    private readonly byte[] _labels;
    private readonly IReadOnlyList<BatchNormParameters>? _norms;

    // Per weighted layer: the steps before and including it, other than itself, whose outputs later steps read (the
    // block input, in a residual block); a trial starting there copies them from the cache.
    private readonly int[][] _otherLive;

    // Per weighted layer: whether a trial whose first change is there runs the whole network depth-first instead.
    private readonly bool[] _restartFromInput;
    private readonly ActivationCache _cache;
    private readonly ConcurrentBag<IncrementalWorkspace> _pool = new();

    /// <summary>Runs the clean network over all inputs and caches every weighted layer's input and clean output.</summary>
    /// <param name="graph">The network, e.g. the generated <c>LeNet5.Graph</c>.</param>
    /// <param name="pixels">[count, graph.InputLength], e.g. <c>ImageSet.Pixels</c>; copied into the cache.</param>
    /// <param name="labels">[count], e.g. <c>ImageSet.Labels</c>; kept, not copied.</param>
    /// <param name="weights">Clean weights per weighted layer (PyTorch layout); copied.</param>
    /// <param name="biases">Biases per weighted layer; copied.</param>
    /// <param name="chunkSize">Inputs per chunk.</param>
    /// <param name="norms">The network's batch norms, in order (null for a network without); copied. They are digital, so no trial changes them.</param>
    /// <exception cref="ArgumentException">Lengths do not match the graph, or there are no inputs.</exception>
    public IncrementalEvaluator(
        NetworkGraph graph, float[] pixels, byte[] labels, IReadOnlyList<float[]> weights, IReadOnlyList<float[]> biases, int chunkSize = DefaultChunkSize,
        IReadOnlyList<BatchNormParameters>? norms = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(biases);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        if (labels.Length == 0 || (long)labels.Length * graph.InputLength != pixels.Length)
        {
            throw new ArgumentException($"{labels.Length} labels need {(long)labels.Length * graph.InputLength} pixels ({graph.InputLength} each), got {pixels.Length}; at least one input.", nameof(pixels));
        }

        if (graph.WeightedLayerCount == 0)
        {
            throw new ArgumentException("The network has no weighted layer: nothing could change.", nameof(graph));
        }

        CheckLayers(graph, weights, biases);
        Graph = graph;
        ChunkSize = Math.Min(chunkSize, labels.Length);
        _labels = labels;
        _clean = weights.Select(w => (float[])w.Clone()).ToArray();
        _biases = biases.Select(b => (float[])b.Clone()).ToArray();
        _norms = norms?.Select(n => n.Clone()).ToArray();
        _cache = new ActivationCache(graph, pixels, labels, _clean, _biases, _norms, ChunkSize);
        _otherLive = [.. Enumerable.Range(0, graph.WeightedLayerCount).Select(layer => graph.LiveBefore(graph.StepOf(layer) + 1).Where(step => step != graph.StepOf(layer)).ToArray())];
        _restartFromInput = RestartPolicy.RestartFromInput(graph);
    }

    /// <summary>The network.</summary>
    public NetworkGraph Graph { get; }

    /// <summary>Inputs in the set.</summary>
    public int Count => _labels.Length;

    /// <summary>Inputs per chunk.</summary>
    public int ChunkSize { get; }

    /// <summary>How many inputs the clean network classifies correctly.</summary>
    public int CleanCorrect => _cache.CleanCorrect;

    /// <summary>Bytes of cached activations: Count · Σ over weighted layers of (input + output length) · 4, plus the clean logits.</summary>
    public long CacheBytes => _cache.Bytes;

    /// <summary>For tests and benchmarks: always (true) or never (false) correct sparsely; null lets the cost model decide.</summary>
    internal bool? ForceSparse { get; set; }

    /// <summary>For tests and benchmarks: never restart a trial from the input depth-first (see <see cref="RestartPolicy"/>).</summary>
    internal bool ForceLayerByLayer { get; set; }

    /// <summary>Whether a trial whose first change is at <paramref name="weightedLayer"/> runs the whole network depth-first from the input (<see cref="RestartPolicy"/>).</summary>
    /// <param name="weightedLayer">0 .. Graph.WeightedLayerCount - 1.</param>
    public bool RestartsFromInput(int weightedLayer) => !ForceLayerByLayer && _restartFromInput[weightedLayer];

    /// <summary>Scratch for one thread's trials.</summary>
    public IncrementalWorkspace CreateWorkspace() => new(this, Graph, ChunkSize, _clean, _biases);

    /// <summary>
    /// Whether a trial whose first changed layer is <paramref name="weightedLayer"/>, with <paramref name="changeCount"/>
    /// changes there, corrects that layer's cached output (true) or recomputes it (false); see the cost model in
    /// the remarks of <c>CorrectionPolicy</c>: changes × output positions × a measured factor against the layer's MACs.
    /// </summary>
    /// <param name="weightedLayer">0 .. Graph.WeightedLayerCount - 1.</param>
    /// <param name="changeCount">Changed weights in that layer.</param>
    public bool UsesSparseCorrection(int weightedLayer, int changeCount) =>
        ForceSparse ?? CorrectionPolicy.PreferSparse(Graph.WeightedSteps[weightedLayer], changeCount);

    /// <summary>How many inputs the network classifies as their label with these changes, on a pooled workspace.</summary>
    /// <param name="changesPerLayer">One entry per weighted layer; null or empty means unchanged.</param>
    public int CountCorrect(IReadOnlyList<WeightChanges?> changesPerLayer)
    {
        var workspace = Rent();
        try
        {
            return CountCorrect(changesPerLayer, workspace);
        }
        finally
        {
            _pool.Add(workspace);
        }
    }

    /// <summary>How many inputs the network classifies as their label with these changes.</summary>
    /// <param name="changesPerLayer">One entry per weighted layer; null or empty means unchanged. Each index at most once per layer.</param>
    /// <param name="workspace">This thread's workspace, from <see cref="CreateWorkspace"/>.</param>
    /// <exception cref="ArgumentException">The list has the wrong length, an index is out of range, or the workspace belongs to another evaluator.</exception>
    public int CountCorrect(IReadOnlyList<WeightChanges?> changesPerLayer, IncrementalWorkspace workspace)
    {
        var first = Check(changesPerLayer, workspace);
        if (first < 0)
        {
            return CleanCorrect;
        }

        var correct = 0;
        Evaluate(changesPerLayer, first, workspace, (start, images, logits) =>
            correct += SoftmaxCrossEntropy.CountCorrect(logits, _labels.AsSpan(start, images), images, Graph.OutputLength));
        return correct;
    }

    /// <summary>
    /// <see cref="CountCorrect(IReadOnlyList{WeightChanges?}, IncrementalWorkspace)"/>, and also how many images both
    /// the clean and the changed network classify correctly: the bit-error paper's robust error counts an image wrong
    /// when either prediction is wrong, i.e. it is 1 − <c>CorrectBoth</c> / <see cref="Count"/>.
    /// </summary>
    /// <param name="changesPerLayer">The changed weights of each weighted layer (null or empty: unchanged).</param>
    /// <param name="workspace">This thread's workspace.</param>
    /// <returns>Images the changed network gets right, and images both networks get right.</returns>
    public (int Correct, int CorrectBoth) CountCorrectWithClean(IReadOnlyList<WeightChanges?> changesPerLayer, IncrementalWorkspace workspace)
    {
        var first = Check(changesPerLayer, workspace);
        if (first < 0)
        {
            return (CleanCorrect, CleanCorrect);
        }

        int classes = Graph.OutputLength;
        var correct = 0;
        var both = 0;
        Evaluate(changesPerLayer, first, workspace, (start, images, logits) =>
        {
            for (var row = 0; row < images; row++)
            {
                int label = _labels[start + row];
                if (SoftmaxCrossEntropy.ArgMax(logits.Slice(row * classes, classes)) == label)
                {
                    correct++;
                    if (SoftmaxCrossEntropy.ArgMax(_cache.Logits.Slice((start + row) * classes, classes)) == label)
                    {
                        both++;
                    }
                }
            }
        });
        return (correct, both);
    }

    /// <summary>Writes the logits of every input with these changes, [Count, Graph.OutputLength].</summary>
    /// <param name="changesPerLayer">One entry per weighted layer; null or empty means unchanged.</param>
    /// <param name="workspace">This thread's workspace.</param>
    /// <param name="logits">Count · Graph.OutputLength values, overwritten.</param>
    public void Logits(IReadOnlyList<WeightChanges?> changesPerLayer, IncrementalWorkspace workspace, Span<float> logits)
    {
        if (logits.Length != (long)Count * Graph.OutputLength)
        {
            throw new ArgumentException($"{Count} inputs need {(long)Count * Graph.OutputLength} logits, got {logits.Length}.", nameof(logits));
        }

        var first = Check(changesPerLayer, workspace);
        if (first < 0)
        {
            _cache.Logits.CopyTo(logits);
            return;
        }

        var target = new float[logits.Length];
        Evaluate(changesPerLayer, first, workspace, (start, images, chunk) => chunk.CopyTo(target.AsSpan(start * Graph.OutputLength)));
        target.CopyTo(logits);
    }

    private delegate void ChunkDone(int start, int images, ReadOnlySpan<float> logits);

    private void Evaluate(IReadOnlyList<WeightChanges?> changes, int layer, IncrementalWorkspace workspace, ChunkDone done)
    {
        if (RestartsFromInput(layer))
        {
            EvaluateFromInput(changes, workspace, done);
            return;
        }

        var step = Graph.WeightedSteps[layer];
        var stepIndex = Graph.StepOf(layer);
        var layerChanges = changes[layer]!;
        // A changed bias shifts a whole output channel: the layer is recomputed rather than corrected.
        var sparse = !ChangesBiases(layerChanges, _clean[layer].Length) && UsesSparseCorrection(layer, layerChanges.Count);
        var taps = sparse ? SparseCorrection.Decode(step, layerChanges, _clean[layer], ref workspace.Taps) : 0;
        workspace.Patch(changes);
        try
        {
            for (var start = 0; start < Count; start += ChunkSize)
            {
                var images = Math.Min(ChunkSize, Count - start);
                var source = Graph.SourceOf(stepIndex);
                var input = _cache.Activation(source, LengthOf(source), start, images);
                var output = workspace.Graph.Output(stepIndex, images);
                if (sparse)
                {
                    _cache.Activation(stepIndex, step.OutputLength, start, images).CopyTo(output);
                    Correct(step, input, output, images, workspace.Taps.AsSpan(0, taps));
                }
                else
                {
                    step.Forward(input, workspace.Weights[layer], workspace.Biases[layer], output, images, workspace.Graph.Scratch);
                }

                // In a residual block the steps after this one also read the block input (or the other path's output).
                foreach (var live in _otherLive[layer])
                {
                    _cache.Activation(live, LengthOf(live), start, images).CopyTo(workspace.Graph.Activation(live, images));
                }

                var logits = Graph.RunFrom(stepIndex + 1, images, workspace.Weights, workspace.Biases, workspace.Graph, _norms);
                done(start, images, logits);
            }
        }
        finally
        {
            workspace.Restore(changes);
        }
    }

    // The whole network with the changed weights, depth-first from the cached input (see RestartPolicy).
    private void EvaluateFromInput(IReadOnlyList<WeightChanges?> changes, IncrementalWorkspace workspace, ChunkDone done)
    {
        workspace.Patch(changes);
        try
        {
            for (var start = 0; start < Count; start += ChunkSize)
            {
                var images = Math.Min(ChunkSize, Count - start);
                var input = _cache.Activation(-1, Graph.InputLength, start, images);
                done(start, images, Graph.RunInference(input, images, workspace.Weights, workspace.Biases, workspace.Graph, _norms));
            }
        }
        finally
        {
            workspace.Restore(changes);
        }
    }

    private int LengthOf(int step) => step < 0 ? Graph.InputLength : Graph.Steps[step].OutputLength;

    private static void Correct(GraphStep step, ReadOnlySpan<float> input, Span<float> output, int images, ReadOnlySpan<CorrectionTap> taps)
    {
        if (step is Conv2dStep conv)
        {
            SparseCorrection.Conv(conv, input, output, images, taps);
        }
        else
        {
            SparseCorrection.Dense((DenseStep)step, input, output, images, taps);
        }
    }

    // The first weighted layer with a change, or -1; validates every index so that patching cannot write out of range.
    private int Check(IReadOnlyList<WeightChanges?> changes, IncrementalWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(workspace);
        if (!ReferenceEquals(workspace.Owner, this))
        {
            throw new ArgumentException("The workspace was made by another evaluator.", nameof(workspace));
        }

        if (changes.Count != Graph.WeightedLayerCount)
        {
            throw new ArgumentException($"The network has {Graph.WeightedLayerCount} weighted layers; got changes for {changes.Count}.", nameof(changes));
        }

        var first = -1;
        for (var layer = 0; layer < changes.Count; layer++)
        {
            if (changes[layer] is not { Count: > 0 } layerChanges)
            {
                continue;
            }

            // Parameter indices: the layer's weights, then its biases (index weights + b is bias b).
            var length = _clean[layer].Length + _biases[layer].Length;
            foreach (var index in layerChanges.Indices)
            {
                if ((uint)index >= (uint)length)
                {
                    throw new ArgumentException(
                        $"Weighted layer {layer} ({Graph.WeightedSteps[layer]}) has {_clean[layer].Length} weights and {_biases[layer].Length} biases; index {index} is out of range.", nameof(changes));
                }
            }

            first = first < 0 ? layer : first;
        }

        return first;
    }

    // Whether any change is at a bias (parameter index at or beyond the weights); changes are usually few.
    private static bool ChangesBiases(WeightChanges changes, int weightCount)
    {
        foreach (var index in changes.Indices)
        {
            if (index >= weightCount)
            {
                return true;
            }
        }

        return false;
    }

    private IncrementalWorkspace Rent() => _pool.TryTake(out var workspace) ? workspace : CreateWorkspace();

    private static void CheckLayers(NetworkGraph graph, IReadOnlyList<float[]> weights, IReadOnlyList<float[]> biases)
    {
        if (weights.Count != graph.WeightedLayerCount || biases.Count != graph.WeightedLayerCount)
        {
            throw new ArgumentException($"The network has {graph.WeightedLayerCount} weighted layers; got {weights.Count} weight and {biases.Count} bias arrays.", nameof(weights));
        }

        for (var layer = 0; layer < graph.WeightedLayerCount; layer++)
        {
            var step = graph.WeightedSteps[layer];
            var (weightCount, biasCount) = step switch
            {
                Conv2dStep conv => (conv.WeightCount, conv.OutChannels),
                DenseStep dense => (dense.WeightCount, dense.OutputLength),
                _ => (0, 0),
            };
            if (weights[layer]?.Length != weightCount || biases[layer]?.Length != biasCount)
            {
                throw new ArgumentException(
                    $"Weighted layer {layer} ({step}) needs {weightCount} weights and {biasCount} biases, got {weights[layer]?.Length} and {biases[layer]?.Length}.", nameof(weights));
            }
        }
    }
}
