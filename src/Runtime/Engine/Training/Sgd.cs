using System.Numerics;

namespace MapDsl.Runtime.Engine.Training;

/// <summary>
/// Stochastic gradient descent with optional momentum, Nesterov momentum and L2 weight decay, step for step the same
/// as PyTorch's <c>torch.optim.SGD</c> without dampening, so hyperparameters carry over:
/// g' = g + decay·w; v = momentum·v + g' (v starts at 0); w −= lr·(Nesterov ? g' + momentum·v : v); without momentum,
/// w −= lr·g'.
/// </summary>
/// <remarks>
/// <para>
/// Each parameter array is registered once and gets a slot with its own velocity, allocated then; steps allocate
/// nothing. Weight decay applies to slots from <see cref="RegisterWeights"/> and, only if asked in the constructor,
/// to those from <see cref="RegisterBiases"/>.
/// </para>
/// <para>
/// Fault-aware training needs nothing extra: run the layers' forward and backward with the weights the faulty
/// hardware reads back (the kernels take weights as arguments), then call <see cref="Step(Span{float}, ReadOnlySpan{float}, int)"/>
/// on the clean weights with that gradient, and read back again before the next batch. Weight decay then sees the
/// clean weights, as it should.
/// </para>
/// </remarks>
public sealed class Sgd
{
    private readonly List<SgdSlot> slots = [];

    /// <summary>Creates an optimizer with no parameters registered yet.</summary>
    /// <param name="learningRate">Step size, at least 0.</param>
    /// <param name="momentum">Momentum in [0, 1); 0 keeps no velocity.</param>
    /// <param name="nesterov">Nesterov momentum; needs a positive momentum.</param>
    /// <param name="weightDecay">L2 coefficient added to the gradient as decay·w, at least 0.</param>
    /// <param name="decayBiases">Whether weight decay also applies to bias slots.</param>
    public Sgd(float learningRate, float momentum = 0f, bool nesterov = false, float weightDecay = 0f, bool decayBiases = false)
    {
        if (!(momentum >= 0f && momentum < 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "Momentum must lie in [0, 1).");
        }

        if (nesterov && momentum == 0f)
        {
            throw new ArgumentException("Nesterov momentum needs a positive momentum.", nameof(nesterov));
        }

        if (!(weightDecay >= 0f && float.IsFinite(weightDecay)))
        {
            throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "Weight decay must be finite and at least 0.");
        }

        LearningRate = learningRate;
        Momentum = momentum;
        Nesterov = nesterov;
        WeightDecay = weightDecay;
        DecayBiases = decayBiases;
    }

    /// <summary>Step size; settable between steps for a schedule.</summary>
    public float LearningRate
    {
        get;
        set => field = value >= 0f && float.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The learning rate must be finite and at least 0.");
    }

    /// <summary>Momentum factor in [0, 1).</summary>
    public float Momentum { get; }

    /// <summary>Whether the step uses Nesterov momentum.</summary>
    public bool Nesterov { get; }

    /// <summary>L2 weight decay coefficient.</summary>
    public float WeightDecay { get; }

    /// <summary>Whether bias slots are decayed too.</summary>
    public bool DecayBiases { get; }

    /// <summary>Slots registered so far.</summary>
    public int SlotCount => slots.Count;

    /// <summary>Registers a weight array of <paramref name="length"/> values; returns its slot.</summary>
    /// <param name="length">Values in the array.</param>
    public int RegisterWeights(int length) => Register(length, decay: true);

    /// <summary>Registers a bias array of <paramref name="length"/> values; returns its slot.</summary>
    /// <param name="length">Values in the array.</param>
    public int RegisterBiases(int length) => Register(length, decay: DecayBiases);

    /// <summary>Zeroes every velocity, e.g. after the weights were replaced.</summary>
    public void ResetVelocities()
    {
        foreach (SgdSlot slot in slots)
        {
            Array.Clear(slot.Velocity);
        }
    }

    /// <summary>One update of the parameters in <paramref name="slot"/>.</summary>
    /// <param name="parameters">The registered array (or a span of its length), updated in place.</param>
    /// <param name="gradient">Gradient of the loss, same length; not changed.</param>
    /// <param name="slot">From the registration.</param>
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradient, int slot)
    {
        SgdSlot state = Slot(parameters.Length, gradient.Length, slot);
        float[] velocity = state.Velocity;
        var lr = new Vector<float>(LearningRate);
        var decay = new Vector<float>(state.Decay);
        var momentum = new Vector<float>(Momentum);
        bool hasVelocity = velocity.Length != 0;
        int i = 0;

        // The same arithmetic as Update, lane-parallel.
        for (; i <= parameters.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var w = new Vector<float>(parameters.Slice(i));
            Vector<float> direction = new Vector<float>(gradient.Slice(i)) + decay * w;
            if (hasVelocity)
            {
                Vector<float> v = momentum * new Vector<float>(velocity.AsSpan(i)) + direction;
                v.CopyTo(velocity.AsSpan(i));
                direction = Nesterov ? direction + momentum * v : v;
            }

            (w - lr * direction).CopyTo(parameters.Slice(i));
        }

        for (; i < parameters.Length; i++)
        {
            parameters[i] = Update(parameters[i], gradient[i], velocity, i, state.Decay);
        }
    }

    /// <summary>
    /// One update that keeps pruned parameters at exactly 0: where <paramref name="keep"/> is false the parameter and
    /// its velocity are set to 0 and the gradient is ignored (see <see cref="Masks"/>).
    /// </summary>
    /// <param name="parameters">The registered array, updated in place.</param>
    /// <param name="gradient">Gradient of the loss, same length; not changed.</param>
    /// <param name="slot">From the registration.</param>
    /// <param name="keep">One entry per parameter, true = kept.</param>
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradient, int slot, ReadOnlySpan<bool> keep)
    {
        SgdSlot state = Slot(parameters.Length, gradient.Length, slot);
        float[] velocity = state.Velocity;
        if (keep.Length != parameters.Length)
        {
            throw new ArgumentException($"The keep-mask has {keep.Length} entries but there are {parameters.Length} parameters.", nameof(keep));
        }

        bool hasVelocity = velocity.Length != 0;
        for (int i = 0; i < parameters.Length; i++)
        {
            if (keep[i])
            {
                parameters[i] = Update(parameters[i], gradient[i], velocity, i, state.Decay);
                continue;
            }

            parameters[i] = 0f;
            if (hasVelocity)
            {
                velocity[i] = 0f;
            }
        }
    }

    private float Update(float w, float g, float[] velocity, int i, float decay)
    {
        float direction = g + decay * w;
        if (velocity.Length != 0)
        {
            float v = Momentum * velocity[i] + direction;
            velocity[i] = v;
            direction = Nesterov ? direction + Momentum * v : v;
        }

        return w - LearningRate * direction;
    }

    private int Register(int length, bool decay)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);

        // Without momentum the update needs no history, so no memory is spent on it.
        slots.Add(new SgdSlot(length, Momentum == 0f ? [] : new float[length], decay ? WeightDecay : 0f));
        return slots.Count - 1;
    }

    private SgdSlot Slot(int parameterLength, int gradientLength, int slot)
    {
        if ((uint)slot >= (uint)slots.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(slot), slot, $"Only {slots.Count} slots are registered.");
        }

        SgdSlot state = slots[slot];
        if (parameterLength != state.Length || gradientLength != state.Length)
        {
            throw new ArgumentException(
                $"Slot {slot} was registered for {state.Length} values; got {parameterLength} parameters and {gradientLength} gradients.",
                nameof(slot));
        }

        return state;
    }
}
