namespace MapDsl.Runtime.Tiles;

/// <summary>Permanent state of a crossbar cell. A stuck cell ignores programming.</summary>
public enum CellFault : byte
{
    /// <summary>Healthy: reads what was last written.</summary>
    None = 0,

    /// <summary>Stuck in the low-resistance state: always reads G_on.</summary>
    StuckOn = 1,

    /// <summary>Stuck in the high-resistance state: always reads G_off.</summary>
    StuckOff = 2,
}
