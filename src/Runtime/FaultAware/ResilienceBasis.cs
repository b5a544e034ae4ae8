namespace MapDsl.Runtime.FaultAware;

/// <summary>Which accuracy over a rate's fault maps must stay within the allowed drop.</summary>
public enum ResilienceBasis
{
    /// <summary>The mean over the maps: a typical chip at that rate.</summary>
    Mean,

    /// <summary>The worst map: every chip seen at that rate (the safer choice when every chip must meet the drop).</summary>
    Worst,
}
