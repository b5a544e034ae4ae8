namespace MapDsl.Runtime.Campaigns;

/// <summary>How precisely the grid pins down a configuration's tolerable stuck-on rate.</summary>
public enum ToleranceBound
{
    /// <summary>The threshold is crossed between two grid rates; the rate is interpolated between them.</summary>
    Interpolated,

    /// <summary>The lowest grid rate already fails: the tolerable rate is below the grid, its value unknown.</summary>
    BelowGrid,

    /// <summary>No grid rate fails: the tolerable rate is at least the highest grid rate.</summary>
    AtLeastHighest,
}
