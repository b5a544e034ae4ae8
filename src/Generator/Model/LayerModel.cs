using MapDsl.Generator.Parsing;

namespace MapDsl.Generator.Model
{
    /// <summary>
    /// One bound layer with its inferred shapes. Kernel fields are the window of conv and pooling
    /// layers (1 otherwise); a pool without a stride steps by its window in each direction, so the
    /// stride has a height and a width. <see cref="Source"/> is the statement as written, for comments.
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
        /// <summary>Conv and dense layers hold weights; the others only reshape or activate.</summary>
        public bool IsWeighted => Kind is LayerKind.Conv or LayerKind.Dense;

        /// <summary>The C# member name of a weighted layer: <c>c1</c> becomes <c>C1</c>.</summary>
        public string MemberName => Naming.EscapeIdentifier(Naming.ToPascal(Name ?? Kind.ToString()));

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
