using MapDsl.Runtime.Campaigns;

namespace DifferentialMapping;

/// <summary>How much a <see cref="ToleranceRatio"/> is known, given that tolerable rates may be bounded by the grid.</summary>
internal enum RatioBound
{
    /// <summary>Both tolerable rates are interpolated: the ratio is a value.</summary>
    Exact,

    /// <summary>The ratio is at least the value (differential not failing on the grid, or two-column failing below it).</summary>
    AtLeast,

    /// <summary>The ratio is at most the value (differential failing below the grid, or two-column not failing on it).</summary>
    AtMost,

    /// <summary>Both rates are bounded in the same direction: the grid says nothing about the ratio.</summary>
    Unknown,
}
