using MapDsl.Runtime.Engine.Graph;
using MapDsl.Runtime.Tests.Engine.Layers;

namespace MapDsl.Runtime.Tests.Engine.Inference;

/// <summary>
/// A network's inference pass in float64, step by step from the graph's description and the reference layers,
/// independent of both of the runtime's paths: batch norms from their definition, (x − μ)/√(σ² + ε)·γ + β.
/// </summary>
internal static class ReferenceGraph
{
    public static double[] Run(
        NetworkGraph graph, float[] input, int batch, IReadOnlyList<float[]> weights, IReadOnlyList<float[]> biases, IReadOnlyList<BatchNormParameters>? norms)
    {
        var outputs = new double[graph.Steps.Count][];
        var x = TestTensors.ToDouble(input);
        double[] Of(int step) => step < 0 ? x : outputs[step];
        for (int i = 0; i < graph.Steps.Count; i++)
        {
            var source = Of(graph.SourceOf(i));
            outputs[i] = graph.Steps[i] switch
            {
                Conv2dStep c => ReferenceLayers.Conv(
                    source, TestTensors.ToDouble(weights[c.WeightedIndex]), TestTensors.ToDouble(biases[c.WeightedIndex]),
                    batch, c.InChannels, c.InHeight, c.InWidth, c.OutChannels, c.KernelHeight, c.KernelWidth, c.Stride, c.Padding),
                DenseStep d => ReferenceLayers.Dense(
                    source, TestTensors.ToDouble(weights[d.WeightedIndex]), TestTensors.ToDouble(biases[d.WeightedIndex]), batch, d.InputLength, d.OutputLength),
                BatchNormStep n => Normalized(source, n, norms![n.NormIndex]),
                ReluStep => ReferenceLayers.Relu(source),
                ResidualAddStep => source.Zip(Of(graph.ShortcutOf(i)!.Value), (a, b) => a + b).ToArray(),
                GlobalAvgPoolStep g => Enumerable.Range(0, source.Length / g.Plane).Select(p => source.Skip(p * g.Plane).Take(g.Plane).Average()).ToArray(),
                MaxPool2dStep m => ReferenceLayers.MaxPool(source, batch * m.Channels, m.InHeight, m.InWidth, m.WindowHeight, m.WindowWidth, m.StrideHeight, m.StrideWidth),
                DropoutStep or FlattenStep => source,
                var other => throw new NotSupportedException(other.ToString()),
            };
        }

        return outputs[^1];
    }

    private static double[] Normalized(double[] x, BatchNormStep step, BatchNormParameters norm)
    {
        if (norm.IsFolded)
        {
            return x;
        }

        return x.Select((v, i) =>
        {
            int c = i / step.Plane % step.Channels;
            return ((v - norm.RunningMean[c]) / Math.Sqrt(norm.RunningVar[c] + (double)BatchNormParameters.Epsilon) * norm.Gamma[c]) + norm.Beta[c];
        }).ToArray();
    }
}
