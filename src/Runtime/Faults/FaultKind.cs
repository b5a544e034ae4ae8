namespace MapDsl.Runtime.Faults;

/// <summary>Which kind of fault a random stream draws. The numeric values are part of the stream hash: never renumber them.</summary>
public enum FaultKind
{
    /// <summary>Crossbar cells stuck in the low-resistance state (read G_on).</summary>
    StuckOn = 0,

    /// <summary>Crossbar cells stuck in the high-resistance state (read G_off).</summary>
    StuckOff = 1,

    /// <summary>Flipped bits of stored quantized weight codes.</summary>
    BitFlip = 2,

    /// <summary>Bypassed processing elements of a systolic array.</summary>
    Pe = 3,
}
