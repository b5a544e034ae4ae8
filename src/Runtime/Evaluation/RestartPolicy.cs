using MapDsl.Runtime.Engine.Graph;

namespace MapDsl.Runtime.Evaluation;

/// <summary>
/// Chooses, for a trial whose first change is at a given weighted layer, between running the rest of the network
/// layer by layer from the cached activations (the incremental path) and running the whole network again from the
/// input, depth-first (<see cref="NetworkGraph.RunInference"/>), which only networks with batch norms or residual
/// blocks have.
/// </summary>
/// <remarks>
/// The depth-first pass keeps each image in L2 and computes its convolutions directly, where the layer-by-layer pass
/// writes every activation of the chunk to memory and reads it back: per multiply-add it is about
/// <see cref="DepthFirstAdvantage"/> times faster (ResNet-8 on one thread: 114 µs an image depth-first against 370 µs
/// layer by layer, <c>dotnet run -c Release --project benchmarks/MapDsl.Benchmarks -- resnet</c>, benchmarks/README.md).
/// So restarting from the input pays when the layers from the first changed one on hold more than 1/advantage of the
/// network's multiply-adds. In a stuck-cell campaign on ResNet-8 that is every trial whose first change lies before the
/// third block: most trials at rates from 0.01% up, where a fault lands in an early layer almost surely. Both paths
/// give the same counts up to float rounding (an image whose two largest logits lie within rounding of each other).
/// </remarks>
internal static class RestartPolicy
{
    /// <summary>Layer-by-layer multiply-adds that one depth-first multiply-add costs as much time as.</summary>
    public const double DepthFirstAdvantage = 3;

    /// <summary>Per weighted layer of <paramref name="graph"/>: whether a trial whose first change is there restarts from the input.</summary>
    public static bool[] RestartFromInput(NetworkGraph graph)
    {
        var restart = new bool[graph.WeightedLayerCount];
        if (!graph.HasDepthFirstPlan)
        {
            return restart;
        }

        var total = graph.Steps.Sum(MultiplyAdds);
        for (var layer = 0; layer < restart.Length; layer++)
        {
            var remaining = graph.Steps.Skip(graph.StepOf(layer)).Sum(MultiplyAdds);
            restart[layer] = remaining * DepthFirstAdvantage > total;
        }

        return restart;
    }

    // Per image; the steps between weighted layers (norms, pools, additions) are memory-bound and small beside them.
    private static double MultiplyAdds(GraphStep step) => step switch
    {
        Conv2dStep conv => (double)conv.WeightCount * conv.OutputPlane,
        DenseStep dense => dense.WeightCount,
        _ => 0,
    };
}
