namespace MapDsl.Runtime.Engine;

/// <summary>
/// One product C (+)= A * B with A and B described by strides, so the plain and both transposed layouts
/// are the same problem to the driver: A(i, p) = A[i*RsA + p*CsA], B(p, j) = B[p*RsB + j*CsB],
/// C(i, j) = C[i*RsC + j] (C is always row-major).
/// </summary>
internal readonly unsafe struct GemmProblem(
    float* a, nint rsA, nint csA, float* b, nint rsB, nint csB, float* c, nint rsC, int m, int n, int k, bool accumulate)
{
    public readonly float* A = a;
    public readonly nint RsA = rsA;
    public readonly nint CsA = csA;
    public readonly float* B = b;
    public readonly nint RsB = rsB;
    public readonly nint CsB = csB;
    public readonly float* C = c;
    public readonly nint RsC = rsC;
    public readonly int M = m;
    public readonly int N = n;
    public readonly int K = k;

    /// <summary>Add to C instead of overwriting it.</summary>
    public readonly bool Accumulate = accumulate;
}
