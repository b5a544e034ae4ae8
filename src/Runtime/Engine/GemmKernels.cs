using MapDsl.Runtime.Engine.Kernels;

namespace MapDsl.Runtime.Engine;

/// <summary>Which kernels the machine runs, which one suits a shape, and the driver specialized for each.</summary>
internal static class GemmKernels
{
    /// <summary>The depth of a packed slice of k, the same for every kernel (see <see cref="IMicroKernel.Kc"/>).</summary>
    public const int Kc = 256;

    private static readonly GemmKernel[] Avx512Family = [GemmKernel.Avx512General12x32, GemmKernel.Avx512Wide6x64, GemmKernel.Avx512Narrow24x16];
    private static readonly GemmKernel[] Avx2Family = [GemmKernel.Avx2General6x16, GemmKernel.Avx2Wide3x32, GemmKernel.Avx2Narrow12x8];
    private static readonly GemmKernel[] PortableFamily = [GemmKernel.Portable4x8];

    private static readonly GemmKernel[] MachineFamily =
        Avx512Kernel12x32.IsSupported ? Avx512Family : Avx2Kernel6x16.IsSupported ? Avx2Family : PortableFamily;

    /// <summary>The widest instruction set this machine runs with hardware FMA, as its family of kernels, general first.</summary>
    public static ReadOnlySpan<GemmKernel> Family => MachineFamily;

    public static bool IsSupported(GemmKernel kernel) => kernel switch
    {
        GemmKernel.Avx512General12x32 or GemmKernel.Avx512Wide6x64 or GemmKernel.Avx512Narrow24x16 => Avx512Kernel12x32.IsSupported,
        GemmKernel.Avx2General6x16 or GemmKernel.Avx2Wide3x32 or GemmKernel.Avx2Narrow12x8 => Avx2Kernel6x16.IsSupported,
        _ => true,
    };

    /// <summary>
    /// The kernel of the machine's family that wastes the least work on padding for an m x n product, weighed
    /// by how fast it runs full tiles. All FMA kernels sum in the same order, so this never changes a result.
    /// </summary>
    public static GemmKernel Choose(int m, int n)
    {
        var best = Family[0];
        var bestCost = double.MaxValue;
        foreach (var kernel in Family)
        {
            var (mr, nr) = Tile(kernel);
            var cost = Padded(m, mr) * (double)Padded(n, nr) / RelativeSpeed(kernel);
            if (cost < bestCost)
            {
                (best, bestCost) = (kernel, cost);
            }
        }

        return best;
    }

    /// <summary>Tile rows and columns of the kernel.</summary>
    public static (int Mr, int Nr) Tile(GemmKernel kernel) => kernel switch
    {
        GemmKernel.Avx512General12x32 => (Avx512Kernel12x32.Mr, Avx512Kernel12x32.Nr),
        GemmKernel.Avx512Wide6x64 => (Avx512Kernel6x64.Mr, Avx512Kernel6x64.Nr),
        GemmKernel.Avx512Narrow24x16 => (Avx512Kernel24x16.Mr, Avx512Kernel24x16.Nr),
        GemmKernel.Avx2General6x16 => (Avx2Kernel6x16.Mr, Avx2Kernel6x16.Nr),
        GemmKernel.Avx2Wide3x32 => (Avx2Kernel3x32.Mr, Avx2Kernel3x32.Nr),
        GemmKernel.Avx2Narrow12x8 => (Avx2Kernel12x8.Mr, Avx2Kernel12x8.Nr),
        _ => (PortableKernel4x8.Mr, PortableKernel4x8.Nr),
    };

    /// <summary>Computes rows [rowStart, rowEnd) x columns [colStart, colEnd) of the product on this thread.</summary>
    public static void Run(GemmKernel kernel, in GemmProblem problem, int rowStart, int rowEnd, int colStart, int colEnd)
    {
        switch (kernel)
        {
            case GemmKernel.Avx512General12x32:
                GemmDriver<Avx512Kernel12x32>.Run(problem, rowStart, rowEnd, colStart, colEnd);
                break;
            case GemmKernel.Avx512Wide6x64:
                GemmDriver<Avx512Kernel6x64>.Run(problem, rowStart, rowEnd, colStart, colEnd);
                break;
            case GemmKernel.Avx512Narrow24x16:
                GemmDriver<Avx512Kernel24x16>.Run(problem, rowStart, rowEnd, colStart, colEnd);
                break;
            case GemmKernel.Avx2General6x16:
                GemmDriver<Avx2Kernel6x16>.Run(problem, rowStart, rowEnd, colStart, colEnd);
                break;
            case GemmKernel.Avx2Wide3x32:
                GemmDriver<Avx2Kernel3x32>.Run(problem, rowStart, rowEnd, colStart, colEnd);
                break;
            case GemmKernel.Avx2Narrow12x8:
                GemmDriver<Avx2Kernel12x8>.Run(problem, rowStart, rowEnd, colStart, colEnd);
                break;
            default:
                GemmDriver<PortableKernel4x8>.Run(problem, rowStart, rowEnd, colStart, colEnd);
                break;
        }
    }

    // Throughput relative to the family's general kernel, so a kernel must save more padding than it
    // loses in speed to be chosen. AVX-512 figures measured on Zen 5 over products of 48 to 8192 columns:
    // the wide kernel streams its 64 KB B sliver from L2 and runs about 15 % slower; the narrow one loads
    // an A value per FMA yet keeps up within a few percent. The AVX2 figures follow the same reasoning.
    private static double RelativeSpeed(GemmKernel kernel) => kernel switch
    {
        GemmKernel.Avx512Wide6x64 or GemmKernel.Avx2Wide3x32 => 0.85,
        GemmKernel.Avx512Narrow24x16 or GemmKernel.Avx2Narrow12x8 => 0.95,
        _ => 1.0,
    };

    private static long Padded(int length, int tile) => (length + tile - 1L) / tile * tile;
}
