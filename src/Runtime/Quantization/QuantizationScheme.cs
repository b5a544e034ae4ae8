namespace MapDsl.Runtime.Quantization;

/// <summary>How a <see cref="QuantizedTensor"/> turns weights into stored m-bit codes.</summary>
public enum QuantizationScheme
{
    /// <summary>
    /// <see cref="SymmetricQuantizer"/>: codes in [-L, L] around an exact zero, stored as m-bit two's complement.
    /// </summary>
    Symmetric,

    /// <summary>
    /// <see cref="RobustQuantizer"/>: the (optionally clipped) tensor's [min, max] mapped to unsigned codes
    /// 0 .. 2^m - 1 with rounding, after Stutz et al., "Bit Error Robustness for Energy-Efficient DNN Accelerators"
    /// (MLSys 2021).
    /// </summary>
    Robust,
}
