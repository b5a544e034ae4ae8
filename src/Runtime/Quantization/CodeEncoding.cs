namespace MapDsl.Runtime.Quantization;

/// <summary>How a <see cref="Quantizer"/> stores an integer q in [−L, L] (L = 2^(m−1) − 1) as an m-bit pattern.</summary>
public enum CodeEncoding
{
    /// <summary>m-bit two's complement: the top bit is the sign, so flipping it moves q by 2^(m−1) the other way round.</summary>
    Signed,

    /// <summary>
    /// Offset binary: the unsigned number q + 2^(m−1), clamped to 0 … 2^m − 1. Decoding reads the pattern back as a
    /// number and subtracts 2^(m−1).
    /// </summary>
    Unsigned,
}
