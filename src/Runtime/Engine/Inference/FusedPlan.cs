using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using MapDsl.Runtime.Engine.Graph;

namespace MapDsl.Runtime.Engine.Inference;

/// <summary>
/// A network's inference pass as a sequence of <see cref="FusedOp"/>s on one image, for <see cref="FusedInference"/>:
/// every convolution absorbs the batch norm that folds into it, the residual addition that ends its block and the
/// ReLU after it, so that a ResNet's inference is its convolutions and little else. Made once per graph
/// (<see cref="TryCreate"/>), for graphs with batch norms or residual blocks only: version-1 networks keep the
/// layer-by-layer path and its exact results.
/// </summary>
internal sealed unsafe class FusedPlan
{
    private readonly FusedOp[] _ops;
    private readonly FusedValue _input;
    private readonly FusedValue _output;

    private FusedPlan(FusedOp[] ops, FusedValue[] values, FusedValue input, FusedValue output)
    {
        _ops = ops;
        _input = input;
        _output = output;
        var offset = 0;
        foreach (var value in values)
        {
            value.Offset = offset;
            offset += Aligned(value.Floats + FusedValue.Slack);
        }

        BufferFloats = offset;
        var packed = 0;
        foreach (var op in ops)
        {
            op.PackedOffset = packed;
            packed += Aligned(op.PackedLength);
        }

        PackedLength = packed;
    }

    /// <summary>Floats of one thread's buffer: every value of one image, each followed by <see cref="FusedValue.Slack"/> zeros.</summary>
    public int BufferFloats { get; }

    /// <summary>Floats of packed parameters.</summary>
    public int PackedLength { get; }

    /// <summary>Floats of one image's input.</summary>
    public int InputLength => _input.Length;

    /// <summary>Floats of one image's outputs.</summary>
    public int OutputLength => _output.Length;

    /// <summary>
    /// The plan of <paramref name="graph"/>, or null when it keeps the layer-by-layer path: a version-1 network (no
    /// batch norm, no residual block), a machine without AVX-512, or a step this path does not compute (pooling
    /// windows, flattening an image, a convolution with padding over 1 or stride over 2, a large dense layer).
    /// </summary>
    public static FusedPlan? TryCreate(NetworkGraph graph)
    {
        var version2 = graph.NormSteps.Count > 0 || graph.Steps.Any(step => step is ResidualAddStep);
        if (!version2 || !Avx512F.IsSupported || !Vector512.IsHardwareAccelerated)
        {
            return null;
        }

        return new Builder(graph).Build();
    }

    /// <summary>Packs every op's parameters for one call.</summary>
    /// <param name="parameters">The call's weights, biases and batch norms.</param>
    /// <param name="packed">PackedLength floats.</param>
    public void Pack(in FusedParameters parameters, float* packed)
    {
        foreach (var op in _ops)
        {
            op.Pack(parameters, new Span<float>(packed + op.PackedOffset, op.PackedLength));
        }
    }

    /// <summary>One image, from its input (as the graph takes it) to its outputs.</summary>
    /// <param name="values">The thread's buffer: <see cref="BufferFloats"/> floats, zero wherever no op writes.</param>
    /// <param name="packed">What <see cref="Pack"/> wrote.</param>
    /// <param name="input">The image, InputLength floats (NCHW).</param>
    /// <param name="output">Its OutputLength outputs.</param>
    public void RunImage(float* values, float* packed, float* input, float* output)
    {
        CopyIn(input, values + _input.Offset);
        foreach (var op in _ops)
        {
            op.Run(values, packed);
        }

        new ReadOnlySpan<float>(values + _output.Offset, _output.Length).CopyTo(new Span<float>(output, _output.Length));
    }

    /// <summary>The ops in order, one per line, each with what it absorbed: "conv r1.b +r1.b_bn +add +relu".</summary>
    public override string ToString() => string.Join(Environment.NewLine, _ops.Select(op => op.ToString()));

    private static int Aligned(int floats) => (floats + 15) / 16 * 16;

    // NCHW planes into the bordered planes of the input value (a vector input as it is).
    private void CopyIn(float* input, float* to)
    {
        if (!_input.IsImage)
        {
            new ReadOnlySpan<float>(input, _input.Length).CopyTo(new Span<float>(to, _input.Length));
            return;
        }

        var shape = _input.Shape;
        for (var c = 0; c < shape.Channels; c++)
        {
            for (var y = 0; y < shape.Height; y++)
            {
                new ReadOnlySpan<float>(input + (((c * shape.Height) + y) * shape.Width), shape.Width)
                    .CopyTo(new Span<float>(to + (c * shape.BlockStride) + shape.Offset(y, 0), shape.Width));
            }
        }
    }

    /// <summary>Walks the graph's steps, giving each a value and an op, or merging it into the op that produced its input.</summary>
    private sealed class Builder
    {
        private readonly NetworkGraph _graph;
        private readonly List<FusedOp> _ops = [];
        private readonly List<FusedValue> _values = [];
        private readonly FusedValue[] _valueOf;
        private readonly int[] _readers;

        // The op that writes each value, and the last step it has absorbed (whose output its value now is).
        private readonly Dictionary<FusedValue, FusedOp> _producer = [];
        private readonly Dictionary<FusedOp, int> _tail = [];
        private readonly FusedValue _input;

        public Builder(NetworkGraph graph)
        {
            _graph = graph;
            _valueOf = new FusedValue[graph.Steps.Count];
            _readers = new int[graph.Steps.Count];
            for (var i = 0; i < graph.Steps.Count; i++)
            {
                Read(graph.SourceOf(i));
                if (graph.ShortcutOf(i) is { } shortcut)
                {
                    Read(shortcut);
                }
            }

            Read(graph.Steps.Count - 1); // the caller reads the outputs
            _input = graph.InputHeight * graph.InputWidth > 1
                ? FusedValue.Image(new BlockedShape(graph.InputChannels, graph.InputHeight, graph.InputWidth, 1))
                : FusedValue.Vector(graph.InputLength);
            _values.Add(_input);

            void Read(int step)
            {
                if (step >= 0)
                {
                    _readers[step]++;
                }
            }
        }

        public FusedPlan? Build()
        {
            for (var i = 0; i < _graph.Steps.Count; i++)
            {
                if (!Add(i))
                {
                    return null;
                }
            }

            var output = _valueOf.Length == 0 ? _input : _valueOf[^1];
            var hasConv = _ops.Any(op => op is ConvOp);
            return hasConv && !output.IsImage && output.Length == _graph.OutputLength
                ? new FusedPlan([.. _ops], [.. _values], _input, output)
                : null;
        }

        private bool Add(int i)
        {
            var source = _graph.SourceOf(i);
            var input = Value(source);
            switch (_graph.Steps[i])
            {
                case Conv2dStep conv when Fits(input, conv.InChannels, conv.InHeight, conv.InWidth) && DirectConv.Supports(conv):
                    var direct = new DirectConv(conv, input.Shape);
                    return direct.Overrun <= FusedValue.Slack && Produce(i, new ConvOp(direct, input, FusedValue.Image(direct.Output)));
                case DenseStep dense when !input.IsImage && dense.WeightCount <= DenseOp.MostWeights:
                    return Produce(i, new DenseOp(dense, input, FusedValue.Vector(dense.OutputLength)));
                case BatchNormStep norm when Absorbing(source) is { } op && norm.FoldsInto >= 0 && FoldNorm(i, norm, op):
                    return true;
                case BatchNormStep norm when input.IsImage ? Fits(input, norm.Channels, input.Shape.Height, input.Shape.Width) : norm.Plane == 1:
                    return Elementwise(i, new AffineOp(norm, input, Like(input)), input);
                case ReluStep when Absorbing(source) is ConvOp { Relu: false } conv:
                    conv.Relu = true;
                    return Absorb(i, conv);
                case ReluStep when Absorbing(source) is DenseOp { Relu: false } dense:
                    dense.Relu = true;
                    return Absorb(i, dense);
                case ReluStep:
                    return Elementwise(i, new ReluOp(input, Like(input)), input);
                case ResidualAddStep:
                    return AddResidual(i, input, Value(_graph.ShortcutOf(i)!.Value));
                case GlobalAvgPoolStep pool when input.IsImage && input.Shape.BlockWidth == 16 && pool.InputLength == input.Length:
                    return Produce(i, new GlobalAvgPoolOp(input, FusedValue.Vector(pool.OutputLength)));
                case DropoutStep:
                case FlattenStep when !input.IsImage:
                    _valueOf[i] = input; // the identity at inference
                    return true;
                default:
                    return false;
            }
        }

        // A batch norm folds into the conv or dense layer it follows, unless that layer already applies something after its product.
        private bool FoldNorm(int i, BatchNormStep norm, FusedOp op)
        {
            switch (op)
            {
                case ConvOp { Norm: null, Relu: false, Residual: null } conv when conv.Conv.Step.WeightedIndex == norm.FoldsInto:
                    conv.Norm = norm;
                    return Absorb(i, conv);
                case DenseOp { Norm: null, Relu: false } dense when dense.Step.WeightedIndex == norm.FoldsInto:
                    dense.Norm = norm;
                    return Absorb(i, dense);
                default:
                    return false;
            }
        }

        // The addition goes into the body's last conv, which then runs after the shortcut's ops, whose output it adds.
        private bool AddResidual(int i, FusedValue body, FusedValue shortcut)
        {
            if (!body.SameLayout(shortcut))
            {
                return false;
            }

            if (Absorbing(_graph.SourceOf(i)) is ConvOp { Relu: false, Residual: null } conv)
            {
                conv.Residual = shortcut;
                _ops.Remove(conv);
                _ops.Add(conv);
                return Absorb(i, conv);
            }

            return body.IsVectorizable && Elementwise(i, new AddOp(body, shortcut, Like(body)), body);
        }

        // The op whose value is step source's output and nothing else reads, which may therefore take the next step in.
        private FusedOp? Absorbing(int source) =>
            source >= 0 && _readers[source] == 1 && _producer.TryGetValue(_valueOf[source], out var op) && _tail[op] == source ? op : null;

        private bool Absorb(int i, FusedOp op)
        {
            _valueOf[i] = _valueOf[_tail[op]];
            _tail[op] = i;
            return true;
        }

        private bool Elementwise(int i, ElementwiseOp op, FusedValue input) => input.IsVectorizable && Produce(i, op);

        private bool Produce(int i, FusedOp op)
        {
            var value = op switch
            {
                ConvOp conv => conv.Output,
                DenseOp dense => dense.Output,
                GlobalAvgPoolOp pool => pool.Output,
                ElementwiseOp elementwise => elementwise.Output,
                _ => throw new InvalidOperationException(),
            };
            if (value.Length != _graph.Steps[i].OutputLength)
            {
                return false;
            }

            _ops.Add(op);
            _values.Add(value);
            _producer[value] = op;
            _tail[op] = i;
            _valueOf[i] = value;
            return true;
        }

        private static bool Fits(FusedValue value, int channels, int height, int width) =>
            value.IsImage && value.Shape.Channels == channels && value.Shape.Height == height && value.Shape.Width == width;

        private FusedValue Value(int step) => step < 0 ? _input : _valueOf[step];

        private static FusedValue Like(FusedValue value) => value.IsImage ? FusedValue.Image(value.Shape) : FusedValue.Vector(value.Length);
    }
}
