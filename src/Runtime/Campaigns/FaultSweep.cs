using MapDsl.Runtime.Faults;

namespace MapDsl.Runtime.Campaigns;

/// <summary>
/// How a campaign turns one swept rate into a chip's fault rates: stuck cells with a <see cref="FaultMix"/> (stuck-on
/// swept, stuck-off following it), or one fault kind alone (stuck-on, stuck-off, bit-flip or pe; every other rate 0).
/// </summary>
public sealed class FaultSweep : IEquatable<FaultSweep>
{
    private FaultSweep(FaultKind kind, FaultMix? mix)
    {
        Kind = kind;
        Mix = mix;
    }

    /// <summary>The kind whose rate is swept.</summary>
    public FaultKind Kind { get; }

    /// <summary>For a stuck-cell sweep, how each stuck-on rate gets its stuck-off rate; null for a single kind.</summary>
    public FaultMix? Mix { get; }

    /// <summary>The kinds this sweep can make non-zero: stuck-on and stuck-off for a mix, else its one kind.</summary>
    public IReadOnlyList<FaultKind> Kinds => Mix is null ? [Kind] : [FaultKind.StuckOn, FaultKind.StuckOff];

    /// <summary>Stuck-on cells at the swept rate, stuck-off cells as <paramref name="mix"/> says.</summary>
    /// <param name="mix">The stuck-off rule.</param>
    /// <returns>The sweep.</returns>
    public static FaultSweep StuckCells(FaultMix mix) => new(FaultKind.StuckOn, mix ?? throw new ArgumentNullException(nameof(mix)));

    /// <summary>Faults of one kind at the swept rate, nothing else.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The sweep.</returns>
    public static FaultSweep Only(FaultKind kind) => Enum.IsDefined(kind)
        ? new(kind, null)
        : throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a fault kind.");

    /// <summary>The fault rates at swept rate <paramref name="rate"/>.</summary>
    /// <param name="rate">The swept rate.</param>
    /// <returns>The rates of every kind.</returns>
    public FaultRates RatesAt(double rate) => Mix?.RatesAt(rate) ?? FaultRates.None.With(Kind, rate);

    /// <summary>Throws when the sweep is impossible at one of <paramref name="rates"/> (a stuck-off share that overflows).</summary>
    /// <param name="rates">The swept rates.</param>
    public void Check(IEnumerable<double> rates) => Mix?.Check(rates);

    /// <summary>For people: "stuck-on plus stuck-off = 0.19 × stuck-on", or "bit-flip only".</summary>
    /// <returns>The text.</returns>
    public string Describe() => Mix?.Describe() ?? $"{TrialColumns.Word(Kind)} only";

    /// <inheritdoc/>
    public bool Equals(FaultSweep? other) =>
        other is not null && Kind == other.Kind && Mix?.Kind == other.Mix?.Kind && Mix?.Value == other.Mix?.Value;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as FaultSweep);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, Mix?.Kind, Mix?.Value);

    /// <inheritdoc/>
    public override string ToString() => Describe();
}
