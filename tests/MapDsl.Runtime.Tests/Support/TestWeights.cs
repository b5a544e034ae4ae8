using MapDsl.Runtime.Contract;
using MapDsl.Runtime.Engine.Graph;
using MapDsl.Runtime.Tests.Engine.Graph;

namespace MapDsl.Runtime.Tests.Support;

/// <summary>
/// A hand-written <see cref="INetworkWeights"/> over a hand-built graph, standing in for a generated <c>Weights</c>:
/// one weight and one bias array per weighted layer (named by the graph's steps) and the batch norms.
/// </summary>
internal class TestWeights : INetworkWeights
{
    private readonly string[] _layers;

    public TestWeights(NetworkGraph graph, float[][] weights, float[][] biases, BatchNormParameters[] norms)
    {
        _layers = [.. graph.WeightedSteps.Select(step => step.Name!)];
        weights.Length.ShouldBe(_layers.Length);
        biases.Length.ShouldBe(_layers.Length);
        norms.Length.ShouldBe(graph.NormSteps.Count);
        Weights = weights;
        Biases = biases;
        NormArray = norms;
    }

    public string Network => "Test";

    public IReadOnlyList<string> LayerNames => _layers;

    public IReadOnlyList<BatchNormParameters> Norms => NormArray;

    public float[][] Weights { get; }

    public float[][] Biases { get; }

    public BatchNormParameters[] NormArray { get; }

    public float[] WeightsOf(string layer) => Weights[Index(layer)];

    public float[] BiasOf(string layer) => Biases[Index(layer)];

    private int Index(string layer)
    {
        int index = Array.IndexOf(_layers, layer);
        return index >= 0 ? index : throw new ArgumentException($"No weighted layer '{layer}'.", nameof(layer));
    }
}

/// <summary><see cref="BlockNet"/>'s weights as a generated network's weights type, so that generic runtime code (GraphModel, folding) runs it.</summary>
internal sealed class BlockNetWeights(BlockNet.Parameters parameters)
    : TestWeights(Graph, parameters.Weights, parameters.Biases, parameters.Norms), INetworkWeights<BlockNetWeights>
{
    public static NetworkGraph Graph { get; } = BlockNet.Build();

    public BlockNet.Parameters Parameters { get; } = parameters;

    public static BlockNetWeights Zero()
    {
        var zero = BlockNet.Random(new Random(0)).Copy();
        foreach (var array in zero.Weights.Concat(zero.Biases).Concat(zero.Norms.SelectMany(n => new[] { n.Gamma, n.Beta, n.RunningMean })))
        {
            Array.Clear(array);
        }

        foreach (var norm in zero.Norms)
        {
            Array.Fill(norm.RunningVar, 1f);
        }

        return new BlockNetWeights(zero);
    }

    public static BlockNetWeights LoadSafetensors(string path) => throw new NotSupportedException();

    public static INetworkModel<BlockNetWeights> CreateModel(int maxBatch) => new GraphModel<BlockNetWeights>(maxBatch);

    public BlockNetWeights Clone() => new(Parameters.Copy());

    public void SaveSafetensors(string path, IReadOnlyDictionary<string, string>? metadata = null) => throw new NotSupportedException();
}
