using MapDsl.Runtime.Engine.Graph;
using MapDsl.Runtime.Tests.Engine.Layers;

namespace MapDsl.Runtime.Tests.Engine.Graph;

/// <summary>
/// A small hand-built residual network, the shape of the ResNet-8 reference in miniature, and its float64 reference
/// forward pass written from the definitions (<see cref="ReferenceLayers"/>):
/// <code>
/// input 2 x 6 x 6
/// conv stem 3 kernel 3x3 pad 1; batchnorm stem_bn; relu;                      steps 0 1 2
/// residual r1 { conv a 4 kernel 3x3 stride 2 pad 1; batchnorm a_bn; relu;      steps 3 4 5
///               conv b 4 kernel 3x3 pad 1; batchnorm b_bn;                     steps 6 7
///               shortcut { conv s 4 kernel 1x1 stride 2; batchnorm s_bn; } }   steps 8 9, addition 10
/// relu;                                                                        step 11
/// residual r2 { conv a 4 kernel 3x3 pad 1; batchnorm a_bn; }                   steps 12 13, addition 14
/// relu; global-avgpool; dense fc 4;                                            steps 15 16 17
/// </code>
/// </summary>
internal static class BlockNet
{
    public const int InC = 2, Size = 6, Classes = 4;
    public const int InputLength = InC * Size * Size;

    /// <summary>Weighted layers in order (body first, then shortcut): (name, inC, outC, kernel, stride, pad); fc last.</summary>
    public static readonly (string Name, int InC, int OutC, int Kernel, int Stride, int Pad)[] Convs =
    [
        ("stem", 2, 3, 3, 1, 1), ("r1.a", 3, 4, 3, 2, 1), ("r1.b", 4, 4, 3, 1, 1), ("r1.s", 3, 4, 1, 2, 0), ("r2.a", 4, 4, 3, 1, 1),
    ];

    /// <summary>Batch norms in order: (name, channels, plane).</summary>
    public static readonly (string Name, int Channels, int Plane)[] Norms =
    [
        ("stem_bn", 3, 36), ("r1.a_bn", 4, 9), ("r1.b_bn", 4, 9), ("r1.s_bn", 4, 9), ("r2.a_bn", 4, 9),
    ];

    public static readonly string[] LayerNames = [.. Convs.Select(c => c.Name), "fc"];

    /// <summary>The graph as the generator would emit it.</summary>
    public static NetworkGraph Build() => new(
        InC, Size, Size,
        Conv(0, 6),
        new BatchNormStep("stem_bn", 0, 3, 36, 0),
        new ReluStep(3 * 36),
        new ResidualBlock(
            "r1",
            [Conv(1, 6), new BatchNormStep("r1.a_bn", 1, 4, 9, 1), new ReluStep(36), Conv(2, 3), new BatchNormStep("r1.b_bn", 2, 4, 9, 2)],
            [Conv(3, 6), new BatchNormStep("r1.s_bn", 3, 4, 9, 3)]),
        new ReluStep(36),
        new ResidualBlock("r2", [Conv(4, 3), new BatchNormStep("r2.a_bn", 4, 4, 9, 4)], []),
        new ReluStep(36),
        new GlobalAvgPoolStep(4, 3, 3),
        new DenseStep("fc", 5, 4, Classes));

    /// <summary>Random weights, biases and batch norms; with <paramref name="runningStatistics"/> non-trivial running means and variances.</summary>
    public static Parameters Random(Random random, bool runningStatistics = true)
    {
        var weights = new List<float[]>();
        var biases = new List<float[]>();
        foreach (var (_, inC, outC, kernel, _, _) in Convs)
        {
            weights.Add(TestTensors.Uniform(random, outC * inC * kernel * kernel, 1 / Math.Sqrt(inC * kernel * kernel) * 1.5));
            biases.Add(TestTensors.Uniform(random, outC, 0.3));
        }

        weights.Add(TestTensors.Uniform(random, Classes * 4));
        biases.Add(TestTensors.Uniform(random, Classes, 0.3));
        var norms = Norms.Select(n =>
        {
            var norm = new BatchNormParameters(n.Name, n.Channels);
            for (int c = 0; c < n.Channels; c++)
            {
                norm.Gamma[c] = (float)(0.5 + random.NextDouble());
                norm.Beta[c] = (float)(random.NextDouble() - 0.5) * 0.6f;
                if (runningStatistics)
                {
                    norm.RunningMean[c] = (float)(random.NextDouble() - 0.5);
                    norm.RunningVar[c] = (float)(0.3 + random.NextDouble());
                }
            }

            return norm;
        }).ToArray();
        return new Parameters([.. weights], [.. biases], norms);
    }

    /// <summary>The parameters as float64 arrays, the reference's inputs (and what central differences perturb).</summary>
    public static Reference ToReference(Parameters parameters) => new(
        [.. parameters.Weights.Select(TestTensors.ToDouble)],
        [.. parameters.Biases.Select(TestTensors.ToDouble)],
        [.. parameters.Norms.Select(n => TestTensors.ToDouble(n.Gamma))],
        [.. parameters.Norms.Select(n => TestTensors.ToDouble(n.Beta))],
        [.. parameters.Norms.Select(n => TestTensors.ToDouble(n.RunningMean))],
        [.. parameters.Norms.Select(n => TestTensors.ToDouble(n.RunningVar))]);

    /// <summary>
    /// The float64 logits. In training the batch norms use the batch statistics, which <paramref name="statistics"/>
    /// receives per batch norm (mean, biased variance); otherwise the running statistics.
    /// </summary>
    public static double[] Logits(double[] x, int batch, Reference p, bool training, List<(double[] Mean, double[] Variance)>? statistics = null)
    {
        double[] Conv(double[] input, int k, int size)
        {
            var (_, inC, outC, kernel, stride, pad) = Convs[k];
            return ReferenceLayers.Conv(input, p.Weights[k], p.Biases[k], batch, inC, size, size, outC, kernel, kernel, stride, pad);
        }

        double[] Norm(double[] input, int k)
        {
            var (_, channels, plane) = Norms[k];
            if (!training)
            {
                return ReferenceLayers.BatchNormInference(input, batch, channels, plane, p.Gamma[k], p.Beta[k], p.Mean[k], p.Variance[k]);
            }

            double[] y = ReferenceLayers.BatchNormTraining(input, batch, channels, plane, p.Gamma[k], p.Beta[k], out double[] mean, out double[] variance);
            statistics?.Add((mean, variance));
            return y;
        }

        double[] stem = ReferenceLayers.Relu(Norm(Conv(x, 0, 6), 0));
        double[] body = Norm(Conv(ReferenceLayers.Relu(Norm(Conv(stem, 1, 6), 1)), 2, 3), 2);
        double[] shortcut = Norm(Conv(stem, 3, 6), 3);
        double[] r1 = ReferenceLayers.Relu(ReferenceLayers.Add(body, shortcut));
        double[] r2 = ReferenceLayers.Relu(ReferenceLayers.Add(Norm(Conv(r1, 4, 3), 4), r1));
        double[] pooled = ReferenceLayers.GlobalAvgPool(r2, batch * 4, 9);
        return ReferenceLayers.Dense(pooled, p.Weights[5], p.Biases[5], batch, 4, Classes);
    }

    private static Conv2dStep Conv(int k, int size)
    {
        var (name, inC, outC, kernel, stride, pad) = Convs[k];
        return new Conv2dStep(name, k, inC, size, size, outC, kernel, kernel, stride, pad);
    }

    /// <summary>What the graph runs with: per weighted layer weights and biases, and the batch norms.</summary>
    public sealed record Parameters(float[][] Weights, float[][] Biases, BatchNormParameters[] Norms)
    {
        public Parameters Copy() => new([.. Weights.Select(w => (float[])w.Clone())], [.. Biases.Select(b => (float[])b.Clone())], [.. Norms.Select(n => n.Clone())]);
    }

    /// <summary>The same in float64; the arrays are perturbed in place by central differences.</summary>
    public sealed record Reference(double[][] Weights, double[][] Biases, double[][] Gamma, double[][] Beta, double[][] Mean, double[][] Variance);
}
