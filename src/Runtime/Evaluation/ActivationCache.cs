using MapDsl.Runtime.Engine.Graph;
using MapDsl.Runtime.Engine.Layers;

namespace MapDsl.Runtime.Evaluation;

/// <summary>
/// What the clean network computes on a fixed input set, kept so that a trial can start half-way: per weighted layer
/// its input activations and its clean pre-activation output (bias included) for every input, plus the clean logits.
/// Written once by the constructor, then only read, so any number of threads may share it.
/// </summary>
/// <remarks>
/// Memory is count · Σ over weighted layers of (input + output length) floats. For LeNet-5 that is
/// 784 + 4704 (c1) + 1176 + 1600 (c2) + 400 + 120 (f1) + 120 + 84 (f2) + 84 + 10 (f3) = 9,082 floats, about 36 KB per
/// image, 36 MB for 1000 test images. Activations after the last weighted layer are not needed: every trial recomputes
/// them.
/// </remarks>
internal sealed class ActivationCache
{
    private readonly float[][] _inputs;
    private readonly float[][] _outputs;
    private readonly float[] _logits;

    public ActivationCache(NetworkGraph graph, float[] pixels, byte[] labels, IReadOnlyList<float[]> weights, IReadOnlyList<float[]> biases, int chunkSize)
    {
        var count = labels.Length;
        var weighted = graph.WeightedSteps;
        _inputs = weighted.Select(step => new float[(long)count * step.InputLength]).ToArray();
        _outputs = weighted.Select(step => new float[(long)count * step.OutputLength]).ToArray();
        _logits = new float[(long)count * graph.OutputLength];

        var workspace = graph.CreateWorkspace(Math.Min(chunkSize, count));
        for (var first = 0; first < count; first += chunkSize)
        {
            var images = Math.Min(chunkSize, count - first);
            ReadOnlySpan<float> current = pixels.AsSpan(first * graph.InputLength, images * graph.InputLength);
            for (var i = 0; i < graph.Steps.Count; i++)
            {
                var step = graph.Steps[i];
                var output = workspace.Output(i, images);
                if (step.IsWeighted)
                {
                    var w = step.WeightedIndex;
                    current.CopyTo(_inputs[w].AsSpan(first * step.InputLength));
                    step.Forward(current, weights[w], biases[w], output, images, workspace.Scratch);
                    output.CopyTo(_outputs[w].AsSpan(first * step.OutputLength));
                }
                else
                {
                    step.Forward(current, default, default, output, images, workspace.Scratch);
                }

                current = output;
            }

            current.CopyTo(_logits.AsSpan(first * graph.OutputLength));
            CleanCorrect += SoftmaxCrossEntropy.CountCorrect(current, labels.AsSpan(first, images), images, graph.OutputLength);
        }

        Bytes = sizeof(float) * (_inputs.Sum(a => (long)a.Length) + _outputs.Sum(a => (long)a.Length) + _logits.Length);
    }

    /// <summary>How many inputs the clean network classifies correctly.</summary>
    public int CleanCorrect { get; }

    /// <summary>Bytes held.</summary>
    public long Bytes { get; }

    /// <summary>The clean logits, [count, outputs].</summary>
    public ReadOnlySpan<float> Logits => _logits;

    /// <summary>Weighted layer <paramref name="layer"/>'s input for images first .. first + images - 1.</summary>
    public ReadOnlySpan<float> Input(int layer, int length, int first, int images) => _inputs[layer].AsSpan(first * length, images * length);

    /// <summary>Weighted layer <paramref name="layer"/>'s clean output (bias added, before any activation) for a range of images.</summary>
    public ReadOnlySpan<float> Output(int layer, int length, int first, int images) => _outputs[layer].AsSpan(first * length, images * length);
}
