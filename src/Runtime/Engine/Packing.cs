using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MapDsl.Runtime.Engine;

/// <summary>
/// Copies a block of an operand into slivers the micro-kernel reads front to back: sliver s holds rows
/// s*width .. s*width+width-1 for every depth index p, stored at p*width + row. Packing turns any layout
/// (row-major, transposed) into unit-stride, cache-line-friendly reads, and pads ragged slivers with zeros
/// so the kernel never needs an edge case. Like the driver, it skips tiered compilation.
/// </summary>
internal static unsafe class Packing
{
    /// <summary>
    /// Packs element (row r, depth p) = src[r*rowStride + p*depthStride] for r &lt; rows, p &lt; depth into
    /// ceil(rows / width) slivers of depth*width floats at dst.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Pack(float* dst, float* src, nint rowStride, nint depthStride, int rows, int depth, int width)
    {
        for (var r0 = 0; r0 < rows; r0 += width)
        {
            var count = Math.Min(width, rows - r0);
            var from = src + (r0 * rowStride);
            if (rowStride == 1)
            {
                CopyRows(dst, from, depthStride, count, depth, width);
            }
            else if (depthStride == 1)
            {
                Transpose(dst, from, rowStride, count, depth, width);
            }
            else
            {
                Gather(dst, from, rowStride, depthStride, count, depth, width);
            }

            if (count < width)
            {
                ZeroTail(dst, count, depth, width);
            }

            dst += depth * width;
        }
    }

    // The rows of the sliver are contiguous for each p (B of a plain product, A of a transposed-A one):
    // one short copy per p.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CopyRows(float* dst, float* src, nint depthStride, int count, int depth, int width)
    {
        for (var p = 0; p < depth; p++, src += depthStride, dst += width)
        {
            var i = 0;
            for (; i <= count - 8; i += 8)
            {
                Vector256.Store(Vector256.Load(src + i), dst + i);
            }

            for (; i < count; i++)
            {
                dst[i] = src[i];
            }
        }
    }

    // Each row is contiguous along depth (A of a plain product, B of a transposed-B one): a transpose.
    // Square blocks are transposed in registers (8 x 8 with AVX, 4 x 4 with SSE): a scalar transpose costs a
    // load and a store per element and is the bulk of the work when k or n is small. A ragged last block of
    // fewer than 8 rows still goes through registers if the sliver has room for 8 lanes there: it repeats its
    // last row into the missing ones, whose lanes ZeroTail then clears (a convolution's 25 or 150 weights per
    // output channel leave such a block in every product).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Transpose(float* dst, float* src, nint rowStride, int count, int depth, int width)
    {
        var r = 0;
        if (Avx.IsSupported)
        {
            for (; r < count && r + 8 <= width; r += 8)
            {
                var rows = Math.Min(8, count - r);
                var p = 0;
                for (; p + 8 <= depth; p += 8)
                {
                    Transpose8x8(src + (r * rowStride) + p, rowStride, rows, dst + (p * width) + r, width);
                }

                TransposeScalar(dst + r, src + (r * rowStride), rowStride, rows, p, depth, width);
            }
        }

        if (Sse.IsSupported)
        {
            for (; r + 4 <= count; r += 4)
            {
                var p = 0;
                for (; p + 4 <= depth; p += 4)
                {
                    Transpose4x4(src + (r * rowStride) + p, rowStride, dst + (p * width) + r, width);
                }

                TransposeScalar(dst + r, src + (r * rowStride), rowStride, 4, p, depth, width);
            }
        }

        TransposeScalar(dst + r, src + (r * rowStride), rowStride, count - r, 0, depth, width);
    }

    // Rows [0, count) of src, depths [from, depth), into dst[p*width + row].
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TransposeScalar(float* dst, float* src, nint rowStride, int count, int from, int depth, int width)
    {
        for (var r = 0; r < count; r++, src += rowStride)
        {
            for (var p = from; p < depth; p++)
            {
                dst[(p * width) + r] = src[p];
            }
        }
    }

    // Eight rows of eight: interleave pairs of rows, then pairs of pairs within each 128-bit half, then
    // swap halves, and each output vector holds one column. Rows from `rows` on repeat the last real row.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(float* src, nint srcStride, int rows, float* dst, int dstStride)
    {
        var r0 = Avx.LoadVector256(src);
        var r1 = Avx.LoadVector256(src + (Math.Min(1, rows - 1) * srcStride));
        var r2 = Avx.LoadVector256(src + (Math.Min(2, rows - 1) * srcStride));
        var r3 = Avx.LoadVector256(src + (Math.Min(3, rows - 1) * srcStride));
        var r4 = Avx.LoadVector256(src + (Math.Min(4, rows - 1) * srcStride));
        var r5 = Avx.LoadVector256(src + (Math.Min(5, rows - 1) * srcStride));
        var r6 = Avx.LoadVector256(src + (Math.Min(6, rows - 1) * srcStride));
        var r7 = Avx.LoadVector256(src + (Math.Min(7, rows - 1) * srcStride));
        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5);
        var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7);
        var t7 = Avx.UnpackHigh(r6, r7);
        var u0 = Avx.Shuffle(t0, t2, 0x44);
        var u1 = Avx.Shuffle(t0, t2, 0xEE);
        var u2 = Avx.Shuffle(t1, t3, 0x44);
        var u3 = Avx.Shuffle(t1, t3, 0xEE);
        var u4 = Avx.Shuffle(t4, t6, 0x44);
        var u5 = Avx.Shuffle(t4, t6, 0xEE);
        var u6 = Avx.Shuffle(t5, t7, 0x44);
        var u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(dst, Avx.Permute2x128(u0, u4, 0x20));
        Avx.Store(dst + dstStride, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(dst + (2 * dstStride), Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(dst + (3 * dstStride), Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(dst + (4 * dstStride), Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(dst + (5 * dstStride), Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(dst + (6 * dstStride), Avx.Permute2x128(u2, u6, 0x31));
        Avx.Store(dst + (7 * dstStride), Avx.Permute2x128(u3, u7, 0x31));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose4x4(float* src, nint srcStride, float* dst, int dstStride)
    {
        var r0 = Sse.LoadVector128(src);
        var r1 = Sse.LoadVector128(src + srcStride);
        var r2 = Sse.LoadVector128(src + (2 * srcStride));
        var r3 = Sse.LoadVector128(src + (3 * srcStride));
        var t0 = Sse.UnpackLow(r0, r1);
        var t1 = Sse.UnpackHigh(r0, r1);
        var t2 = Sse.UnpackLow(r2, r3);
        var t3 = Sse.UnpackHigh(r2, r3);
        Sse.Store(dst, Sse.MoveLowToHigh(t0, t2));
        Sse.Store(dst + dstStride, Sse.MoveHighToLow(t2, t0));
        Sse.Store(dst + (2 * dstStride), Sse.MoveLowToHigh(t1, t3));
        Sse.Store(dst + (3 * dstStride), Sse.MoveHighToLow(t3, t1));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Gather(float* dst, float* src, nint rowStride, nint depthStride, int count, int depth, int width)
    {
        for (var p = 0; p < depth; p++, dst += width)
        {
            for (var r = 0; r < count; r++)
            {
                dst[r] = src[(r * rowStride) + (p * depthStride)];
            }
        }
    }

    // A few lanes per depth, so a call to clear them would cost more than the stores: with AVX-512 one masked
    // store per 16 lanes of the sliver, else a plain loop.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ZeroTail(float* dst, int count, int depth, int width)
    {
        if (Avx512F.IsSupported && width <= 64)
        {
            ZeroTail512(dst, count, depth, width);
            return;
        }

        for (var p = 0; p < depth; p++, dst += width)
        {
            for (var i = count; i < width; i++)
            {
                dst[i] = 0f;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ZeroTail512(float* dst, int count, int depth, int width)
    {
        var first = count / 16 * 16;
        var lanes = Vector512<int>.Indices + Vector512.Create(first);
        var mask0 = (Vector512.GreaterThanOrEqual(lanes, Vector512.Create(count)) & Vector512.LessThan(lanes, Vector512.Create(width))).AsSingle();
        var mask1 = Vector512.LessThan(lanes + Vector512.Create(16), Vector512.Create(width)).AsSingle();
        var mask2 = Vector512.LessThan(lanes + Vector512.Create(32), Vector512.Create(width)).AsSingle();
        var mask3 = Vector512.LessThan(lanes + Vector512.Create(48), Vector512.Create(width)).AsSingle();
        if (width - first <= 16)
        {
            for (var p = 0; p < depth; p++, dst += width)
            {
                Avx512F.MaskStore(dst + first, mask0, Vector512<float>.Zero);
            }

            return;
        }

        for (var p = 0; p < depth; p++, dst += width)
        {
            // Masks of lanes past the sliver are empty, and a masked store touches no memory outside its mask.
            Avx512F.MaskStore(dst + first, mask0, Vector512<float>.Zero);
            Avx512F.MaskStore(dst + first + 16, mask1, Vector512<float>.Zero);
            Avx512F.MaskStore(dst + first + 32, mask2, Vector512<float>.Zero);
            Avx512F.MaskStore(dst + first + 48, mask3, Vector512<float>.Zero);
        }
    }
}
