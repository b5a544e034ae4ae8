using MapDsl.Runtime.Engine.Graph;
using MapDsl.Runtime.Tests.Engine.Layers;

namespace MapDsl.Runtime.Tests.Engine.Inference;

/// <summary>Small networks with batch norms and residual blocks, built as the generator emits them, with seeded parameters.</summary>
internal sealed class TestNetwork
{
    private readonly List<GraphNode> _nodes = [];
    private readonly List<(string Name, int Channels)> _norms = [];
    private readonly List<(int Weights, int Biases, int FanIn)> _layers = [];

    public NetworkGraph Graph { get; private set; } = null!;
    public List<float[]> Weights { get; } = [];
    public List<float[]> Biases { get; } = [];
    public List<BatchNormParameters> Norms { get; } = [];

    /// <summary>
    /// ResNet-8's structure at 12 x 12 pixels: stem, an identity block of 16 channels, blocks of 32 and 64 with stride
    /// 2 and 1x1 projection shortcuts, global average pooling, dropout, dense 10; every conv followed by a batch norm.
    /// </summary>
    public static TestNetwork ResNet(int seed, int size = 12)
    {
        var net = new TestNetwork();
        net.Add(net.Conv("stem", 1, size, 16, 3, 1, 1), net.Norm("stem_bn", 16, size * size, 0), new ReluStep(16 * size * size));
        net.Block("r1", [net.Conv("r1.a", 16, size, 16, 3, 1, 1), net.Norm("r1.a_bn", 16, size * size, 1), new ReluStep(16 * size * size), net.Conv("r1.b", 16, size, 16, 3, 1, 1), net.Norm("r1.b_bn", 16, size * size, 2)], []);
        net.Add(new ReluStep(16 * size * size));
        int inC = 16;
        foreach (var (name, outC) in new[] { ("r2", 32), ("r3", 64) })
        {
            int o = (size + 1) / 2, k = net._layers.Count;
            GraphStep[] body = [net.Conv(name + ".a", inC, size, outC, 3, 2, 1), net.Norm(name + ".a_bn", outC, o * o, k), new ReluStep(outC * o * o), net.Conv(name + ".b", outC, o, outC, 3, 1, 1), net.Norm(name + ".b_bn", outC, o * o, k + 1)];
            GraphStep[] shortcut = [net.Conv(name + ".s", inC, size, outC, 1, 2, 0), net.Norm(name + ".s_bn", outC, o * o, k + 2)];
            net.Block(name, body, shortcut);
            net.Add(new ReluStep(outC * o * o));
            (inC, size) = (outC, o);
        }

        net.Add(new GlobalAvgPoolStep(64, size, size), new DropoutStep(64, 0.2f), net.Dense("fc", 64, 10));
        return net.Build(seed);
    }

    /// <summary>
    /// Steps no convolution can absorb: a digital batch norm after a ReLU, a block whose body ends in a ReLU (a
    /// separate addition, then a separate ReLU), a batch norm folded into a dense layer with a ReLU after it, a digital
    /// batch norm on the pooled vector.
    /// </summary>
    public static TestNetwork Unfused(int seed)
    {
        var net = new TestNetwork();
        net.Add(net.Conv("stem", 3, 9, 16, 3, 1, 1), net.Norm("stem_bn", 16, 81, 0), new ReluStep(16 * 81), net.Norm("digital", 16, 81, -1));
        net.Block("r1", [net.Conv("r1.a", 16, 9, 16, 3, 1, 1), net.Norm("r1.a_bn", 16, 81, 1), new ReluStep(16 * 81)], []);
        net.Add(new ReluStep(16 * 81));
        net.Block("r2", [net.Conv("r2.a", 16, 9, 32, 3, 2, 1), net.Norm("r2.a_bn", 32, 25, 2)], [net.Conv("r2.s", 16, 9, 32, 1, 2, 0)]);
        net.Add(new ReluStep(32 * 25), new GlobalAvgPoolStep(32, 5, 5), net.Norm("pooled", 32, 1, -1), net.Dense("f1", 32, 20), net.Norm("f1_bn", 20, 1, 4), new ReluStep(20), net.Dense("f2", 20, 5));
        return net.Build(seed);
    }

    public TestNetwork Build(int seed)
    {
        Graph = new NetworkGraph(_layers.Count > 0 && _nodes[0] is Conv2dStep first ? first.InChannels : 1, InputSize, InputSize, [.. _nodes]);
        var random = new Random(seed);
        foreach (var (weights, biases, fanIn) in _layers)
        {
            Weights.Add(TestTensors.Uniform(random, weights, Math.Sqrt(3.0 / fanIn)));
            Biases.Add(TestTensors.Uniform(random, biases, 0.1));
        }

        foreach (var (name, channels) in _norms)
        {
            Norms.Add(DirectConvTests.RandomNorm(random, channels));
        }

        return this;
    }

    public float[] Input(int seed, int batch) => TestTensors.Uniform(new Random(seed), batch * Graph.InputLength);

    private int InputSize => ((Conv2dStep)_nodes[0]).InHeight;

    private void Add(params GraphNode[] nodes) => _nodes.AddRange(nodes);

    private void Block(string name, GraphStep[] body, GraphStep[] shortcut) => _nodes.Add(new ResidualBlock(name, body, shortcut));

    private Conv2dStep Conv(string name, int inC, int size, int outC, int k, int stride, int pad)
    {
        _layers.Add((outC * inC * k * k, outC, inC * k * k));
        return new Conv2dStep(name, _layers.Count - 1, inC, size, size, outC, k, k, stride, pad);
    }

    private DenseStep Dense(string name, int inputs, int outputs)
    {
        _layers.Add((inputs * outputs, outputs, inputs));
        return new DenseStep(name, _layers.Count - 1, inputs, outputs);
    }

    private BatchNormStep Norm(string name, int channels, int plane, int foldsInto)
    {
        _norms.Add((name, channels));
        return new BatchNormStep(name, _norms.Count - 1, channels, plane, foldsInto);
    }
}
