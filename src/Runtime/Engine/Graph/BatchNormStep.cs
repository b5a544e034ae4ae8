using MapDsl.Runtime.Engine.Layers;

namespace MapDsl.Runtime.Engine.Graph;

/// <summary>
/// <c>batchnorm NAME;</c>: <see cref="BatchNorm"/> with the <see cref="BatchNormParameters"/> of index
/// <see cref="NormIndex"/>. Its parameters are not weights of the step API, so <see cref="NetworkGraph"/> calls
/// <see cref="Forward(ReadOnlySpan{float}, Span{float}, int, BatchNormParameters, bool, Span{float})"/> with them;
/// a folded batch norm (<see cref="BatchNormParameters.IsFolded"/>) is the identity.
/// </summary>
public sealed class BatchNormStep : GraphStep
{
    /// <summary>Describes a batch norm.</summary>
    /// <param name="name">Its qualified .xmap name, e.g. <c>r2.a_bn</c>.</param>
    /// <param name="normIndex">Its index among the network's batch norms (the weights' <c>Norms</c>).</param>
    /// <param name="channels">Channels of a C x H x W input, or the length of a vector.</param>
    /// <param name="plane">H · W of the input; 1 for a vector.</param>
    /// <param name="foldsInto">The weighted index of the conv or dense layer it directly follows, which mapping folds it into; -1 if it stays digital.</param>
    public BatchNormStep(string name, int normIndex, int channels, int plane, int foldsInto)
        : base(checked(channels * plane), checked(channels * plane))
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfNegative(normIndex);
        ArgumentOutOfRangeException.ThrowIfLessThan(foldsInto, -1);
        Name = name;
        NormIndex = normIndex;
        Channels = channels;
        Plane = plane;
        FoldsInto = foldsInto;
    }

    /// <summary>The layer's qualified .xmap name.</summary>
    public override string Name { get; }

    /// <summary>Its index among the network's batch norms.</summary>
    public int NormIndex { get; }

    /// <summary>Channels (or features).</summary>
    public int Channels { get; }

    /// <summary>Values per channel per image.</summary>
    public int Plane { get; }

    /// <summary>The weighted index of the layer mapping folds it into, or -1.</summary>
    public int FoldsInto { get; }

    /// <summary>Floats a training forward pass saves for the backward pass: the batch mean and 1/σ per channel.</summary>
    public int SavedLength => 2 * Channels;

    /// <summary>
    /// The step with its parameters: the running statistics at inference, the batch's (updating the running ones)
    /// in training; the identity when folded.
    /// </summary>
    /// <param name="input">[batch, InputLength].</param>
    /// <param name="output">[batch, OutputLength].</param>
    /// <param name="batch">Images.</param>
    /// <param name="parameters">Its parameters.</param>
    /// <param name="training">Whether to use and update batch statistics.</param>
    /// <param name="saved">In training, <see cref="SavedLength"/> floats for the backward pass.</param>
    /// <exception cref="InvalidOperationException">Training a folded batch norm.</exception>
    public void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, BatchNormParameters parameters, bool training, Span<float> saved)
    {
        Check(parameters);
        if (parameters.IsFolded)
        {
            if (training)
            {
                throw new InvalidOperationException(
                    $"Batch norm '{Name}' is folded into the layer before it (read-back weights are); train the unfolded weights instead.");
            }

            input.Slice(0, batch * InputLength).CopyTo(output);
        }
        else if (training)
        {
            BatchNorm.ForwardTraining(input.Slice(0, batch * InputLength), output.Slice(0, batch * OutputLength), batch, Plane, parameters, saved);
        }
        else
        {
            BatchNorm.ForwardInference(input.Slice(0, batch * InputLength), output.Slice(0, batch * OutputLength), batch, Plane, parameters);
        }
    }

    /// <summary>The backward pass of the last <see cref="Forward(ReadOnlySpan{float}, Span{float}, int, BatchNormParameters, bool, Span{float})"/>.</summary>
    /// <param name="input">Its input.</param>
    /// <param name="outputGradient">dLoss/dOutput.</param>
    /// <param name="inputGradient">dLoss/dInput, overwritten; empty to skip it.</param>
    /// <param name="batch">Images.</param>
    /// <param name="parameters">Its parameters.</param>
    /// <param name="gradients">Receives dLoss/dγ and dLoss/dβ in its Gamma and Beta.</param>
    /// <param name="training">Whether the forward pass was a training one.</param>
    /// <param name="saved">What a training forward pass saved.</param>
    public void Backward(
        ReadOnlySpan<float> input, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch,
        BatchNormParameters parameters, BatchNormParameters gradients, bool training, ReadOnlySpan<float> saved)
    {
        Check(parameters);
        Check(gradients);
        if (parameters.IsFolded)
        {
            throw new InvalidOperationException($"Batch norm '{Name}' is folded into the layer before it; train the unfolded weights instead.");
        }

        var x = input.Slice(0, batch * InputLength);
        var dy = outputGradient.Slice(0, batch * OutputLength);
        var dx = inputGradient.IsEmpty ? inputGradient : inputGradient.Slice(0, batch * InputLength);
        if (training)
        {
            BatchNorm.BackwardTraining(x, dy, dx, batch, Plane, parameters.Gamma, saved, gradients.Gamma, gradients.Beta);
        }
        else
        {
            BatchNorm.BackwardInference(x, dy, dx, batch, Plane, parameters, gradients.Gamma, gradients.Beta);
        }
    }

    /// <summary>Not used: a batch norm needs its parameters (see the overload <see cref="NetworkGraph"/> calls).</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public override void Forward(
        ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output, int batch, Span<float> scratch) =>
        throw new NotSupportedException($"Batch norm '{Name}' needs its parameters; NetworkGraph passes them.");

    /// <summary>Not used: a batch norm needs its parameters (see the overload <see cref="NetworkGraph"/> calls).</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public override void Backward(
        ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<int> indices, ReadOnlySpan<float> outputGradient, Span<float> inputGradient,
        ReadOnlySpan<float> weights, Span<float> weightGradient, Span<float> biasGradient, int batch, Span<float> scratch) =>
        throw new NotSupportedException($"Batch norm '{Name}' needs its parameters; NetworkGraph passes them.");

    /// <inheritdoc/>
    public override string ToString() => $"batchnorm {Name} {Channels}x{Plane}" + (FoldsInto >= 0 ? $" (folds into weighted layer {FoldsInto})" : " (digital)");

    private void Check(BatchNormParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Channels != Channels)
        {
            throw new ArgumentException($"Batch norm '{Name}' has {Channels} channels, but its parameters '{parameters.Name}' have {parameters.Channels}.", nameof(parameters));
        }
    }
}
