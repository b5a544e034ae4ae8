namespace MapDsl.Runtime.Campaigns.Reports;

/// <summary>How much a <see cref="ToleranceRatio"/> is known, given that tolerable rates may be bounded by the grid.</summary>
public enum RatioBound
{
    /// <summary>Both tolerable rates are interpolated: the ratio is a value.</summary>
    Exact,

    /// <summary>The ratio is at least the value (the numerator never fails on the grid, or the denominator fails below it).</summary>
    AtLeast,

    /// <summary>The ratio is at most the value (the numerator fails below the grid, or the denominator never fails on it).</summary>
    AtMost,

    /// <summary>Both rates are bounded in the same direction: the grid says nothing about the ratio.</summary>
    Unknown,
}
