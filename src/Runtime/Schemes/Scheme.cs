namespace MapDsl.Runtime.Schemes;

/// <summary>How a signed weight is stored on the hardware.</summary>
public enum Scheme
{
    /// <summary>Two cells per weight; the positive part on G+, the negative part on G-, the other cell at G_off.</summary>
    TwoColumn,

    /// <summary>Two cells per weight, both resting at G_on; the weight lowers one of them.</summary>
    Differential,

    /// <summary>One cell per weight shifted by w_max, plus one reference column per tile at the mid conductance.</summary>
    Offset,

    /// <summary>Weights held directly by the processing elements of a systolic array.</summary>
    WeightStationary,
}
