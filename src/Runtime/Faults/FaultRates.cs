namespace MapDsl.Runtime.Faults;

/// <summary>
/// Independent per-unit fault probabilities. A cell is stuck-on with probability <see cref="StuckOn"/> and stuck-off
/// with probability <see cref="StuckOff"/>, never both, so the two must add up to at most 1.
/// </summary>
/// <param name="StuckOn">Per crossbar cell: the cell reads G_on.</param>
/// <param name="StuckOff">Per crossbar cell: the cell reads G_off.</param>
/// <param name="BitFlip">Per bit of each stored quantized weight code: the bit is flipped.</param>
/// <param name="Pe">Per PE of the systolic array: the PE is bypassed.</param>
public sealed record FaultRates(double StuckOn, double StuckOff, double BitFlip, double Pe)
{
    // Decimal fractions such as 0.7 + 0.3 may add up to a hair above 1 in binary; that is still a valid pair.
    private const double SumTolerance = 1e-12;

    /// <summary>No faults at all.</summary>
    public static FaultRates None { get; } = new(0, 0, 0, 0);

    /// <summary>Probability that a crossbar cell is stuck-on.</summary>
    public double StuckOn { get; } = Fraction(StuckOn, nameof(StuckOn));

    /// <summary>Probability that a crossbar cell is stuck-off (exclusive with stuck-on).</summary>
    public double StuckOff { get; } = Fraction(StuckOff, nameof(StuckOff)) + StuckOn > 1 + SumTolerance
        ? throw new ArgumentOutOfRangeException(
            nameof(StuckOff),
            StuckOff,
            $"StuckOn + StuckOff must be at most 1, because a cell cannot be stuck both ways; got {StuckOn} + {StuckOff} = {StuckOn + StuckOff}.")
        : StuckOff;

    /// <summary>Probability that a stored bit of a quantized weight code is flipped.</summary>
    public double BitFlip { get; } = Fraction(BitFlip, nameof(BitFlip));

    /// <summary>Probability that a PE of the systolic array is bypassed.</summary>
    public double Pe { get; } = Fraction(Pe, nameof(Pe));

    private static double Fraction(double value, string name) => value >= 0 && value <= 1
        ? value
        : throw new ArgumentOutOfRangeException(name, value, $"The {name} fault rate must be a probability in [0, 1] (a fraction, not a percentage), got {value}.");
}
