using MapDsl.Runtime.Engine.Graph;

namespace MapDsl.Runtime.Engine.Inference;

/// <summary>
/// One operation of a <see cref="FusedPlan"/> on one image: a convolution with what follows it absorbed, a small
/// dense layer, or an elementwise pass. Its parameters are packed once per call (<see cref="Pack"/>, with batch
/// norms folded) into the caller's packed buffer at <see cref="PackedOffset"/>, then every image runs it.
/// </summary>
internal abstract unsafe class FusedOp
{
    /// <summary>Where its packed parameters lie; set by the plan.</summary>
    public int PackedOffset { get; set; }

    /// <summary>Floats of packed parameters.</summary>
    public virtual int PackedLength => 0;

    /// <summary>Packs this op's parameters from the call's weights, biases and batch norms.</summary>
    /// <param name="parameters">The call's parameters.</param>
    /// <param name="packed">PackedLength floats to overwrite.</param>
    public virtual void Pack(in FusedParameters parameters, Span<float> packed)
    {
    }

    /// <summary>Runs the op on one image.</summary>
    /// <param name="values">The thread's buffer (every <see cref="FusedValue.Offset"/> is from here).</param>
    /// <param name="packed">The call's packed parameters (<see cref="PackedOffset"/> is from here).</param>
    public abstract void Run(float* values, float* packed);
}

/// <summary>The parameters of one call, as <see cref="NetworkGraph.Run"/> takes them.</summary>
internal readonly ref struct FusedParameters(IReadOnlyList<float[]> weights, IReadOnlyList<float[]> biases, IReadOnlyList<BatchNormParameters>? norms)
{
    public IReadOnlyList<float[]> Weights { get; } = weights;

    public IReadOnlyList<float[]> Biases { get; } = biases;

    /// <summary>
    /// The parameters of batch norm <paramref name="step"/> to fold or apply, or null when they are already folded
    /// into the layer before (then the step is the identity).
    /// </summary>
    public BatchNormParameters? Norm(BatchNormStep step)
    {
        var norm = norms![step.NormIndex];
        return norm.IsFolded ? null : norm;
    }
}
