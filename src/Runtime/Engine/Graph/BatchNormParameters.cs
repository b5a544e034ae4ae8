namespace MapDsl.Runtime.Engine.Graph;

/// <summary>
/// The parameters of one <c>batchnorm</c> layer, with PyTorch's names and defaults: per channel (or feature) a scale
/// γ (<c>weight</c>), a shift β (<c>bias</c>) and the running mean and variance that inference uses. They are
/// digital: a mapping never puts them on tiles, it folds them into the preceding layer (<see cref="BatchNormFolding"/>)
/// or computes them beside the array.
/// </summary>
/// <remarks>
/// In a gradients container (the <c>Weights</c> that <c>Model.Loss</c> writes into) <see cref="Gamma"/> and
/// <see cref="Beta"/> hold dLoss/dγ and dLoss/dβ; the running statistics are unused there.
/// </remarks>
public sealed class BatchNormParameters
{
    /// <summary>PyTorch's ε, added to the variance before the square root.</summary>
    public const float Epsilon = 1e-5f;

    /// <summary>PyTorch's momentum of the running statistics: running = (1 - m)·running + m·batch.</summary>
    public const float Momentum = 0.1f;

    /// <summary>Parameters of a batch norm that does nothing yet: γ = 1, β = 0, mean 0, variance 1.</summary>
    /// <param name="name">The layer's qualified .xmap name, e.g. <c>r2.a_bn</c>.</param>
    /// <param name="channels">Channels (C of a C x H x W input) or features (of a vector input).</param>
    public BatchNormParameters(string name, int channels)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        Name = name;
        Channels = channels;
        Gamma = new float[channels];
        Beta = new float[channels];
        RunningMean = new float[channels];
        RunningVar = new float[channels];
        Gamma.AsSpan().Fill(1f);
        RunningVar.AsSpan().Fill(1f);
    }

    /// <summary>The layer's qualified .xmap name.</summary>
    public string Name { get; }

    /// <summary>Channels or features.</summary>
    public int Channels { get; }

    /// <summary>γ, PyTorch's <c>weight</c>.</summary>
    public float[] Gamma { get; }

    /// <summary>β, PyTorch's <c>bias</c>.</summary>
    public float[] Beta { get; }

    /// <summary>PyTorch's <c>running_mean</c>.</summary>
    public float[] RunningMean { get; }

    /// <summary>PyTorch's <c>running_var</c> (unbiased batch variances averaged in).</summary>
    public float[] RunningVar { get; }

    /// <summary>
    /// Whether γ, β and the running statistics are already folded into the preceding layer's weights and biases
    /// (as a mapping's read-back gives them): the layer is then the identity. A folded batch norm cannot be trained.
    /// </summary>
    public bool IsFolded { get; set; }

    /// <summary>Copies every value and <see cref="IsFolded"/> into <paramref name="other"/>.</summary>
    /// <param name="other">Parameters of the same number of channels.</param>
    public void CopyTo(BatchNormParameters other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Channels != Channels)
        {
            throw new ArgumentException($"Batch norm '{Name}' has {Channels} channels; '{other.Name}' has {other.Channels}.", nameof(other));
        }

        Gamma.CopyTo(other.Gamma, 0);
        Beta.CopyTo(other.Beta, 0);
        RunningMean.CopyTo(other.RunningMean, 0);
        RunningVar.CopyTo(other.RunningVar, 0);
        other.IsFolded = IsFolded;
    }

    /// <summary>A deep copy.</summary>
    public BatchNormParameters Clone()
    {
        var copy = new BatchNormParameters(Name, Channels);
        CopyTo(copy);
        return copy;
    }

    /// <summary>The inference scale γ/√(σ² + ε) of channel <paramref name="c"/>, in double for folding.</summary>
    /// <param name="c">0 .. Channels - 1.</param>
    public double Scale(int c) => Gamma[c] / Math.Sqrt((double)RunningVar[c] + Epsilon);
}
