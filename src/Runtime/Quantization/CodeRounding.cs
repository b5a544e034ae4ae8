namespace MapDsl.Runtime.Quantization;

/// <summary>How a <see cref="Quantizer"/> turns the real position of a weight on its grid into a stored integer.</summary>
public enum CodeRounding
{
    /// <summary>The nearest integer; halves round away from zero.</summary>
    Nearest,

    /// <summary>
    /// The fraction is dropped from the number that is stored, as a cast to an integer type drops it: toward zero for
    /// <see cref="CodeEncoding.Signed"/> codes, downward for <see cref="CodeEncoding.Unsigned"/> ones (their stored number
    /// q + 2^(m−1) is never negative). This is what the authors' non-rounding quantizers do.
    /// </summary>
    Truncate,
}
