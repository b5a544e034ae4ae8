using MapDsl.Runtime.Engine.Graph;

namespace MapDsl.Runtime.Evaluation;

/// <summary>
/// The mutable state of one <see cref="IncrementalEvaluator"/> trial: the graph buffers for one chunk of inputs and a
/// working copy of every layer's weights, into which a trial's faulty values are patched and from which they are
/// restored afterwards, O(changes) each way. Not thread-safe: each worker thread uses its own.
/// </summary>
public sealed class IncrementalWorkspace
{
    private readonly float[][] _clean;
    private readonly float[][] _cleanBiases;

    internal IncrementalWorkspace(IncrementalEvaluator owner, NetworkGraph graph, int chunkSize, IReadOnlyList<float[]> clean, IReadOnlyList<float[]> cleanBiases)
    {
        Owner = owner;
        Graph = graph.CreateWorkspace(chunkSize);
        _clean = clean.ToArray();
        Weights = _clean.Select(w => (float[])w.Clone()).ToArray();
        _cleanBiases = cleanBiases.ToArray();
        Biases = _cleanBiases.Select(b => (float[])b.Clone()).ToArray();
    }

    /// <summary>The evaluator this workspace belongs to.</summary>
    public IncrementalEvaluator Owner { get; }

    internal GraphWorkspace Graph { get; }

    /// <summary>Per weighted layer: the clean weights, or during a trial the faulty ones.</summary>
    internal float[][] Weights { get; }

    /// <summary>This workspace's copy of every layer's biases, patched like <see cref="Weights"/> (parameter index weights + b).</summary>
    internal float[][] Biases { get; }

    /// <summary>The first changed layer's changes, decoded for <see cref="SparseCorrection"/>; grows as needed.</summary>
    internal CorrectionTap[] Taps = new CorrectionTap[64];

    /// <summary>Writes every change into the working weights.</summary>
    internal void Patch(IReadOnlyList<WeightChanges?> changes)
    {
        for (var layer = 0; layer < changes.Count; layer++)
        {
            if (changes[layer] is { Count: > 0 } layerChanges)
            {
                var weights = Weights[layer];
                var biases = Biases[layer];
                var indices = layerChanges.Indices;
                var values = layerChanges.Values;
                for (var j = 0; j < indices.Length; j++)
                {
                    // Parameter indices: the weights, then the biases.
                    if (indices[j] < weights.Length)
                    {
                        weights[indices[j]] = values[j];
                    }
                    else
                    {
                        biases[indices[j] - weights.Length] = values[j];
                    }
                }
            }
        }
    }

    /// <summary>Puts the clean value back wherever <see cref="Patch"/> wrote.</summary>
    internal void Restore(IReadOnlyList<WeightChanges?> changes)
    {
        for (var layer = 0; layer < changes.Count; layer++)
        {
            if (changes[layer] is { Count: > 0 } layerChanges)
            {
                var weights = Weights[layer];
                var clean = _clean[layer];
                foreach (var index in layerChanges.Indices)
                {
                    if (index < weights.Length)
                    {
                        weights[index] = clean[index];
                    }
                    else
                    {
                        Biases[layer][index - weights.Length] = _cleanBiases[layer][index - weights.Length];
                    }
                }
            }
        }
    }
}
