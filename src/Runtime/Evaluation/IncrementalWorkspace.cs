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

    internal IncrementalWorkspace(IncrementalEvaluator owner, NetworkGraph graph, int chunkSize, IReadOnlyList<float[]> clean)
    {
        Owner = owner;
        Graph = graph.CreateWorkspace(chunkSize);
        _clean = clean.ToArray();
        Weights = _clean.Select(w => (float[])w.Clone()).ToArray();
    }

    /// <summary>The evaluator this workspace belongs to.</summary>
    public IncrementalEvaluator Owner { get; }

    internal GraphWorkspace Graph { get; }

    /// <summary>Per weighted layer: the clean weights, or during a trial the faulty ones.</summary>
    internal float[][] Weights { get; }

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
                var indices = layerChanges.Indices;
                var values = layerChanges.Values;
                for (var j = 0; j < indices.Length; j++)
                {
                    weights[indices[j]] = values[j];
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
                    weights[index] = clean[index];
                }
            }
        }
    }
}
