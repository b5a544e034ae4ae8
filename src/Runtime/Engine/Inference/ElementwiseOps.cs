using System.Runtime.Intrinsics;
using MapDsl.Runtime.Engine.Graph;

namespace MapDsl.Runtime.Engine.Inference;

/// <summary>
/// The steps no convolution could absorb (a ReLU or an addition whose input something else reads too, a batch norm
/// that follows no conv or dense layer), as passes over one image: its pixels' 16-channel vectors, inside the border
/// only, so the border stays zero.
/// </summary>
internal abstract unsafe class ElementwiseOp(FusedValue output) : FusedOp
{
    public FusedValue Output { get; } = output;

    public override void Run(float* values, float* packed)
    {
        var shape = Output.Shape;
        if (!Output.IsImage)
        {
            Run(values, packed, 0, Output.Floats, 0, vectorChannels: true);
            return;
        }

        for (var block = 0; block < shape.Blocks; block++)
        {
            for (var y = 0; y < shape.Height; y++)
            {
                Run(values, packed, (block * shape.BlockStride) + shape.Offset(y, 0), shape.Width * 16, block * 16, vectorChannels: false);
            }
        }
    }

    /// <summary>
    /// One run of consecutive floats at <paramref name="offset"/> in every value: all of a vector's (vectorChannels,
    /// float i is channel first + i), or one grid row of a channel block (every pixel's 16 floats are channels
    /// first .. first + 15).
    /// </summary>
    protected abstract void Run(float* values, float* packed, int offset, int floats, int first, bool vectorChannels);
}

/// <summary>max(x, 0).</summary>
internal sealed unsafe class ReluOp(FusedValue input, FusedValue output) : ElementwiseOp(output)
{
    public override string ToString() => "relu";

    protected override void Run(float* values, float* packed, int offset, int floats, int first, bool vectorChannels)
    {
        var from = values + input.Offset + offset;
        var to = values + Output.Offset + offset;
        for (var i = 0; i < floats; i += 16)
        {
            Vector512.Max(Vector512.Load(from + i), Vector512<float>.Zero).Store(to + i);
        }
    }
}

/// <summary>A residual block's addition, body + shortcut.</summary>
internal sealed unsafe class AddOp(FusedValue body, FusedValue shortcut, FusedValue output) : ElementwiseOp(output)
{
    public override string ToString() => "add";

    protected override void Run(float* values, float* packed, int offset, int floats, int first, bool vectorChannels)
    {
        var a = values + body.Offset + offset;
        var b = values + shortcut.Offset + offset;
        var to = values + Output.Offset + offset;
        for (var i = 0; i < floats; i += 16)
        {
            (Vector512.Load(a + i) + Vector512.Load(b + i)).Store(to + i);
        }
    }
}

/// <summary>A batch norm that stays digital: x·s + t per channel, s and t as <see cref="Layers.BatchNorm.ForwardInference"/> computes them.</summary>
internal sealed unsafe class AffineOp(BatchNormStep step, FusedValue input, FusedValue output) : ElementwiseOp(output)
{
    // Scales, then shifts, for the padded channels (zeros past the real ones keep padding zero).
    public override int PackedLength => 2 * Padded;

    private int Padded => (step.Channels + 15) / 16 * 16;

    public override string ToString() => $"batchnorm {step.Name}";

    public override void Pack(in FusedParameters parameters, Span<float> packed)
    {
        packed.Slice(0, PackedLength).Clear();
        var norm = parameters.Norm(step);
        for (var c = 0; c < step.Channels; c++)
        {
            var scale = norm?.Scale(c) ?? 1.0;
            packed[c] = (float)scale;
            packed[Padded + c] = norm is null ? 0f : (float)(norm.Beta[c] - (norm.RunningMean[c] * scale));
        }
    }

    protected override void Run(float* values, float* packed, int offset, int floats, int first, bool vectorChannels)
    {
        var from = values + input.Offset + offset;
        var to = values + Output.Offset + offset;
        var scales = packed + PackedOffset + first;
        var shifts = scales + Padded;
        var scale = Vector512.Load(scales);
        var shift = Vector512.Load(shifts);
        for (var i = 0; i < floats; i += 16)
        {
            if (vectorChannels)
            {
                scale = Vector512.Load(scales + i);
                shift = Vector512.Load(shifts + i);
            }

            Vector512.FusedMultiplyAdd(Vector512.Load(from + i), scale, shift).Store(to + i);
        }
    }
}
