namespace MapDsl.Runtime.Engine;

/// <summary>
/// The micro-kernels. Each instruction set has a general tile and, where its vector registers allow, a
/// wide one (few rows) and a narrow one (few columns) for the skinny products small networks are made of.
/// </summary>
internal enum GemmKernel
{
    /// <summary>4 x 8, Vector128 multiply then add: any machine.</summary>
    Portable4x8,

    /// <summary>6 x 16, AVX2 + FMA.</summary>
    Avx2General6x16,

    /// <summary>3 x 32, AVX2 + FMA.</summary>
    Avx2Wide3x32,

    /// <summary>12 x 8, AVX2 + FMA.</summary>
    Avx2Narrow12x8,

    /// <summary>12 x 32, AVX-512.</summary>
    Avx512General12x32,

    /// <summary>6 x 64, AVX-512.</summary>
    Avx512Wide6x64,

    /// <summary>24 x 16, AVX-512.</summary>
    Avx512Narrow24x16,
}
