using MapDsl.Runtime.Engine.Graph;
using MapDsl.Runtime.Engine.Layers;

namespace MapDsl.Runtime.Evaluation;

/// <summary>
/// What the clean network computes on a fixed input set, kept so that a trial can start half-way: the outputs of every
/// step a trial starting at a weighted layer reads without recomputing them (the layer's input, its clean
/// pre-activation output, and in a residual block the block input that the other path reads), plus the clean logits.
/// Written once by the constructor, then only read, so any number of threads may share it.
/// </summary>
/// <remarks>
/// Memory is count · Σ over cached steps of their output length floats. For LeNet-5 that is each weighted layer's input
/// and output: 784 + 4704 (c1) + 1176 + 1600 (c2) + 400 + 120 (f1) + 120 + 84 (f2) + 84 + 10 (f3) = 9,082 floats,
/// about 36 KB per image, 36 MB for 1000 test images. Activations after the last weighted layer are not needed: every
/// trial recomputes them.
/// </remarks>
internal sealed class ActivationCache
{
    // Step index -> that step's output for every input ([count, length]); -1 is the network's input.
    private readonly Dictionary<int, float[]> _activations = [];
    private readonly float[] _logits;

    public ActivationCache(
        NetworkGraph graph, float[] pixels, byte[] labels, IReadOnlyList<float[]> weights, IReadOnlyList<float[]> biases,
        IReadOnlyList<BatchNormParameters>? norms, int chunkSize)
    {
        var count = labels.Length;
        foreach (var step in CachedSteps(graph))
        {
            _activations[step] = step < 0 ? pixels.ToArray() : new float[(long)count * graph.Steps[step].OutputLength];
        }

        _logits = new float[(long)count * graph.OutputLength];
        var workspace = graph.CreateWorkspace(Math.Min(chunkSize, count));
        for (var first = 0; first < count; first += chunkSize)
        {
            var images = Math.Min(chunkSize, count - first);
            // Layer by layer, as the trials' RunFrom computes: a depth-first pass keeps no activations and rounds differently.
            var logits = graph.RunLayerByLayer(pixels.AsSpan(first * graph.InputLength, images * graph.InputLength), images, weights, biases, workspace, norms);
            foreach (var (step, values) in _activations)
            {
                if (step >= 0)
                {
                    var length = graph.Steps[step].OutputLength;
                    workspace.Activation(step, images).CopyTo(values.AsSpan(first * length));
                }
            }

            logits.CopyTo(_logits.AsSpan(first * graph.OutputLength));
            CleanCorrect += SoftmaxCrossEntropy.CountCorrect(logits, labels.AsSpan(first, images), images, graph.OutputLength);
        }

        Bytes = sizeof(float) * (_activations.Values.Sum(a => (long)a.Length) + _logits.Length);
    }

    /// <summary>How many inputs the clean network classifies correctly.</summary>
    public int CleanCorrect { get; }

    /// <summary>Bytes held.</summary>
    public long Bytes { get; }

    /// <summary>The clean logits, [count, outputs].</summary>
    public ReadOnlySpan<float> Logits => _logits;

    /// <summary>
    /// The steps a trial may start after: for each weighted step, what it reads and what the steps after it read from
    /// before it (its own output included).
    /// </summary>
    public static IReadOnlyList<int> CachedSteps(NetworkGraph graph)
    {
        var steps = new SortedSet<int>();
        for (var layer = 0; layer < graph.WeightedLayerCount; layer++)
        {
            var step = graph.StepOf(layer);
            steps.Add(graph.SourceOf(step));
            steps.UnionWith(graph.LiveBefore(step + 1));
        }

        return [.. steps];
    }

    /// <summary>Step <paramref name="step"/>'s clean output (-1: the input) for images first .. first + images - 1.</summary>
    public ReadOnlySpan<float> Activation(int step, int length, int first, int images) => _activations[step].AsSpan(first * length, images * length);
}
