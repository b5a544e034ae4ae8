using System.Runtime.Intrinsics;

namespace MapDsl.Runtime.Engine.Inference;

/// <summary>Global average pooling of one image: each channel's mean over its pixels, into a vector (zeros past the real channels).</summary>
internal sealed unsafe class GlobalAvgPoolOp(FusedValue input, FusedValue output) : FusedOp
{
    public FusedValue Output { get; } = output;

    public override string ToString() => "global-avgpool";

    public override void Run(float* values, float* packed)
    {
        var shape = input.Shape;
        var inverse = Vector512.Create(1f / (shape.Height * shape.Width));
        for (var block = 0; block < shape.Blocks; block++)
        {
            var sum = Vector512<float>.Zero;
            for (var y = 0; y < shape.Height; y++)
            {
                var row = values + input.Offset + (block * shape.BlockStride) + shape.Offset(y, 0);
                for (var x = 0; x < shape.Width; x++)
                {
                    sum += Vector512.Load(row + (x * 16));
                }
            }

            (sum * inverse).Store(values + Output.Offset + (block * 16));
        }
    }
}
