using System.Runtime.Intrinsics;
using MapDsl.Runtime.Engine.Graph;

namespace MapDsl.Runtime.Engine.Inference;

/// <summary>
/// A dense layer on one image's vector, with a following batch norm folded in and ReLU applied: a classifier after
/// global pooling, small enough (the plan admits at most <see cref="MostWeights"/> weights) that dot products per
/// image cost little beside the convolutions.
/// </summary>
internal sealed unsafe class DenseOp(DenseStep step, FusedValue input, FusedValue output) : FusedOp
{
    public const int MostWeights = 1 << 16;

    public DenseStep Step { get; } = step;

    public FusedValue Output { get; } = output;

    /// <summary>The batch norm folded into the weights, or null.</summary>
    public BatchNormStep? Norm { get; set; }

    public bool Relu { get; set; }

    // [outputs, inputs] as given, then the biases.
    public override int PackedLength => (Step.OutputLength * Step.InputLength) + Step.OutputLength;

    public override void Pack(in FusedParameters parameters, Span<float> packed)
    {
        var k = Step.WeightedIndex;
        var weights = parameters.Weights[k];
        var bias = parameters.Biases[k];
        var norm = Norm is null ? null : parameters.Norm(Norm);
        var inputs = Step.InputLength;
        for (var o = 0; o < Step.OutputLength; o++)
        {
            // As BatchNormFolding.Fold: the factor in double, each value rounded once.
            var scale = norm?.Scale(o) ?? 1.0;
            for (var i = 0; i < inputs; i++)
            {
                var w = weights[(o * inputs) + i];
                packed[(o * inputs) + i] = norm is null ? w : (float)(w * scale);
            }

            packed[(Step.OutputLength * inputs) + o] = norm is null ? bias[o] : (float)(((bias[o] - (double)norm.RunningMean[o]) * scale) + norm.Beta[o]);
        }
    }

    public override string ToString() => $"dense {Step.Name}" + (Norm is null ? "" : $" +{Norm.Name}") + (Relu ? " +relu" : "");

    public override void Run(float* values, float* packed)
    {
        var x = values + input.Offset;
        var y = values + Output.Offset;
        var weights = packed + PackedOffset;
        var inputs = Step.InputLength;
        var bias = weights + (Step.OutputLength * inputs);
        for (var o = 0; o < Step.OutputLength; o++)
        {
            var row = weights + (o * inputs);
            var lanes = Vector512<float>.Zero;
            var i = 0;
            for (; i + 16 <= inputs; i += 16)
            {
                lanes = Vector512.FusedMultiplyAdd(Vector512.Load(x + i), Vector512.Load(row + i), lanes);
            }

            var sum = Vector512.Sum(lanes);
            for (; i < inputs; i++)
            {
                sum = MathF.FusedMultiplyAdd(x[i], row[i], sum);
            }

            sum += bias[o];
            y[o] = Relu ? MathF.Max(sum, 0f) : sum;
        }
    }
}
