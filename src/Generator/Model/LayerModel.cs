using MapDsl.Generator.Parsing;

namespace MapDsl.Generator.Model
{
    /// <summary>
    /// One bound layer with its inferred shapes. Kernel fields are the window of conv and pooling
    /// layers (1 otherwise); a pool without a stride steps by its window in each direction, so the
    /// stride has a height and a width. <see cref="Source"/> is the statement as written, for comments.
    /// <see cref="Name"/> is qualified inside a residual block (<c>r2.a</c>): the name pruning rules, weight files and
    /// generated code use.
    /// </summary>
    internal sealed record LayerModel(
        LayerKind Kind,
        string? Name,
        int Line,
        string Source,
        ShapeModel Input,
        ShapeModel Output,
        int KernelHeight,
        int KernelWidth,
        int Stride,
        int StrideWidth,
        int Padding)
    {
        /// <summary>The residual block whose body or shortcut holds the layer; null at the network's top level.</summary>
        public string? Block { get; init; }

        /// <summary>Whether the layer is in its block's shortcut (false in the body and at the top level).</summary>
        public bool InShortcut { get; init; }

        /// <summary>A batchnorm's index among the network's batch norms (network order); -1 for other layers.</summary>
        public int NormIndex { get; init; } = -1;

        /// <summary>
        /// For a batchnorm that directly follows a conv or dense layer in the same sequence (top level, body or
        /// shortcut): the weighted index of that layer, which mapping folds it into. -1 otherwise (it stays digital).
        /// </summary>
        public int FoldsInto { get; init; } = -1;

        /// <summary>The rate of a dropout, as a fraction in [0, 1).</summary>
        public double Rate { get; init; }

        /// <summary>Conv and dense layers hold weights; the others only reshape or activate.</summary>
        public bool IsWeighted => Kind is LayerKind.Conv or LayerKind.Dense;

        /// <summary>
        /// The C# member name of a weighted layer or batchnorm: <c>c1</c> becomes <c>C1</c>, <c>r2.a</c> becomes <c>R2_A</c>.
        /// </summary>
        public string MemberName => Naming.EscapeIdentifier(Naming.ToMember(Name ?? Kind.ToString()));

        /// <summary>The C# parameter name of a weighted layer: <c>c1</c>, <c>r2_A</c>.</summary>
        public string ParameterName => Naming.ToCamel(Naming.ToMember(Name ?? Kind.ToString()));

        /// <summary>Crossbar-matrix rows: one per input (Cin*Kh*Kw for conv).</summary>
        public int MatrixRows => Kind == LayerKind.Conv ? Input.Channels * KernelHeight * KernelWidth : Input.Length;

        /// <summary>Crossbar-matrix columns: one per output channel or neuron.</summary>
        public int MatrixColumns => Kind == LayerKind.Conv ? Output.Channels : Output.Length;

        public int WeightCount => MatrixRows * MatrixColumns;

        public int BiasCount => MatrixColumns;

        /// <summary>The PyTorch weight dimensions: conv <c>out, in, kh, kw</c>, dense <c>out, in</c>.</summary>
        public int[] TorchDimensions => Kind == LayerKind.Conv
            ? new[] { Output.Channels, Input.Channels, KernelHeight, KernelWidth }
            : new[] { MatrixColumns, MatrixRows };

        /// <summary>The PyTorch weight shape, e.g. <c>[6, 1, 5, 5]</c> or <c>[120, 400]</c>.</summary>
        public string TorchShape => Kind == LayerKind.Conv
            ? $"[{Output.Channels}, {Input.Channels}, {KernelHeight}, {KernelWidth}]"
            : $"[{MatrixColumns}, {MatrixRows}]";
    }
}
