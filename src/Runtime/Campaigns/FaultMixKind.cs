namespace MapDsl.Runtime.Campaigns;

/// <summary>How a <see cref="FaultMix"/> derives the stuck-off rate from the swept stuck-on rate.</summary>
public enum FaultMixKind
{
    /// <summary>No stuck-off faults: the stuck-off rate is 0.</summary>
    StuckOnOnly,

    /// <summary>The same stuck-off rate at every stuck-on rate.</summary>
    FixedStuckOff,

    /// <summary>The stuck-off rate is a fixed multiple of the stuck-on rate.</summary>
    ProportionalStuckOff,
}
