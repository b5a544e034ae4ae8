namespace MapDsl.Runtime.Faults;

/// <summary>
/// Independent per-unit fault probabilities. A cell is stuck-on with probability <see cref="StuckOn"/> and stuck-off
/// with probability <see cref="StuckOff"/>, never both, so the two must add up to at most 1. Every rate can be changed
/// with <c>with</c> (<c>rates with { BitFlip = 0.01 }</c>); each is checked as it is set, and the stuck-on + stuck-off
/// sum by the constructor and again when a fault map is sampled (a <c>with</c> may set the two in either order).
/// </summary>
public sealed record FaultRates
{
    // Decimal fractions such as 0.7 + 0.3 may add up to a hair above 1 in binary; that is still a valid pair.
    private const double SumTolerance = 1e-12;

    private readonly double _stuckOn;
    private readonly double _stuckOff;
    private readonly double _bitFlip;
    private readonly double _pe;

    /// <summary>Independent per-unit fault probabilities.</summary>
    /// <param name="StuckOn">Per crossbar cell: the cell reads G_on.</param>
    /// <param name="StuckOff">Per crossbar cell: the cell reads G_off.</param>
    /// <param name="BitFlip">Per bit of each stored quantized weight code: the bit is flipped.</param>
    /// <param name="Pe">Per PE of the systolic array: the PE is bypassed.</param>
    /// <exception cref="ArgumentOutOfRangeException">A rate is not a probability, or stuck-on + stuck-off exceeds 1.</exception>
    public FaultRates(double StuckOn, double StuckOff, double BitFlip, double Pe)
    {
        this.StuckOn = StuckOn;
        this.StuckOff = StuckOff;
        this.BitFlip = BitFlip;
        this.Pe = Pe;
        EnsureCellsExclusive();
    }

    /// <summary>No faults at all.</summary>
    public static FaultRates None { get; } = new(0, 0, 0, 0);

    /// <summary>Probability that a crossbar cell is stuck-on.</summary>
    public double StuckOn { get => _stuckOn; init => _stuckOn = Fraction(value, nameof(StuckOn)); }

    /// <summary>Probability that a crossbar cell is stuck-off (exclusive with stuck-on).</summary>
    public double StuckOff { get => _stuckOff; init => _stuckOff = Fraction(value, nameof(StuckOff)); }

    /// <summary>Probability that a stored bit of a quantized weight code is flipped.</summary>
    public double BitFlip { get => _bitFlip; init => _bitFlip = Fraction(value, nameof(BitFlip)); }

    /// <summary>Probability that a PE of the systolic array is bypassed.</summary>
    public double Pe { get => _pe; init => _pe = Fraction(value, nameof(Pe)); }

    /// <summary>The rate of one fault kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>Its per-unit probability.</returns>
    public double Of(FaultKind kind) => kind switch
    {
        FaultKind.StuckOn => StuckOn,
        FaultKind.StuckOff => StuckOff,
        FaultKind.BitFlip => BitFlip,
        FaultKind.Pe => Pe,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a fault kind."),
    };

    /// <summary>These rates with the rate of one kind replaced.</summary>
    /// <param name="kind">The kind.</param>
    /// <param name="rate">Its new per-unit probability.</param>
    /// <returns>The new rates.</returns>
    public FaultRates With(FaultKind kind, double rate) => kind switch
    {
        FaultKind.StuckOn => new(rate, StuckOff, BitFlip, Pe),
        FaultKind.StuckOff => new(StuckOn, rate, BitFlip, Pe),
        FaultKind.BitFlip => new(StuckOn, StuckOff, rate, Pe),
        FaultKind.Pe => new(StuckOn, StuckOff, BitFlip, rate),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a fault kind."),
    };

    /// <summary>Deconstructs into the four rates.</summary>
    /// <param name="stuckOn">Stuck-on rate.</param>
    /// <param name="stuckOff">Stuck-off rate.</param>
    /// <param name="bitFlip">Bit-flip rate.</param>
    /// <param name="pe">PE rate.</param>
    public void Deconstruct(out double stuckOn, out double stuckOff, out double bitFlip, out double pe) =>
        (stuckOn, stuckOff, bitFlip, pe) = (StuckOn, StuckOff, BitFlip, Pe);

    /// <summary>Throws unless stuck-on + stuck-off is at most 1: a cell cannot be stuck both ways.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The two add up to more than 1.</exception>
    internal void EnsureCellsExclusive()
    {
        if (StuckOn + StuckOff > 1 + SumTolerance)
        {
            throw new ArgumentOutOfRangeException(
                nameof(StuckOff),
                StuckOff,
                $"StuckOn + StuckOff must be at most 1, because a cell cannot be stuck both ways; got {StuckOn} + {StuckOff} = {StuckOn + StuckOff}.");
        }
    }

    private static double Fraction(double value, string name) => value >= 0 && value <= 1
        ? value
        : throw new ArgumentOutOfRangeException(name, value, $"The {name} fault rate must be a probability in [0, 1] (a fraction, not a percentage), got {value}.");
}
