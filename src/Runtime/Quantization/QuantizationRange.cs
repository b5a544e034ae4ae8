namespace MapDsl.Runtime.Quantization;

/// <summary>Which interval of weights a <see cref="Quantizer"/> spreads its codes over.</summary>
public enum QuantizationRange
{
    /// <summary>[−R, R] with R the clip bound, or the tensor's largest |w| when not clipped: zero is always a code.</summary>
    Symmetric,

    /// <summary>
    /// [min, max] of the (clipped) tensor, normalised to [−1, 1] before the codes are taken, as in Stutz et al.
    /// (MLSys 2021): every code lands inside the range the weights really use.
    /// </summary>
    Asymmetric,
}
