using MapDsl.Runtime.Engine.Graph;

namespace MapDsl.Runtime.Engine.Inference;

/// <summary>
/// A convolution and the steps the plan lets it absorb: the batch norm right after it (folded into its weights),
/// the residual addition that ends its block, and a ReLU, all in the tile epilogue, so none of them costs a pass.
/// </summary>
internal sealed unsafe class ConvOp(DirectConv conv, FusedValue input, FusedValue output) : FusedOp
{
    public DirectConv Conv { get; } = conv;

    public FusedValue Output { get; } = output;

    /// <summary>The batch norm folded into the weights, or null.</summary>
    public BatchNormStep? Norm { get; set; }

    /// <summary>The value added to the output (a block's shortcut), or null.</summary>
    public FusedValue? Residual { get; set; }

    public bool Relu { get; set; }

    public override int PackedLength => Conv.PackedLength;

    public override void Pack(in FusedParameters parameters, Span<float> packed)
    {
        var k = Conv.Step.WeightedIndex;
        Conv.Pack(parameters.Weights[k], parameters.Biases[k], Norm is null ? null : parameters.Norm(Norm), packed);
    }

    public override string ToString() =>
        $"conv {Conv.Step.Name}" + (Norm is null ? "" : $" +{Norm.Name}") + (Residual is null ? "" : " +add") + (Relu ? " +relu" : "");

    public override void Run(float* values, float* packed) =>
        Conv.Run(values + input.Offset, values + Output.Offset, Residual is null ? null : values + Residual.Offset, packed + PackedOffset, Relu);
}
