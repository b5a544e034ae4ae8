using System.Runtime.CompilerServices;

namespace MapDsl.Runtime.Engine;

/// <summary>
/// The packed A block and B panel of one thread. Allocated once per thread (pinned, so the
/// kernel can hold raw pointers) and reused by every later product, so the steady state allocates nothing.
/// Thread-static rather than per-worker so any caller thread, pool worker or not, has its own.
/// </summary>
internal sealed unsafe class PackBuffers
{
    // 64-byte alignment: a misaligned 512-bit load splits across two cache lines on every step of k.
    private const int AlignFloats = 16;

    [ThreadStatic]
    private static PackBuffers? t_current;

    private float[] _store = [];
    private int _aCapacity;
    private int _bCapacity;

    public float* A { get; private set; }

    public float* B { get; private set; }

    /// <summary>This thread's buffers, grown to at least the given sizes (in floats).</summary>
    public static PackBuffers Get(int aFloats, int bFloats)
    {
        var buffers = t_current ??= new PackBuffers();
        buffers.Ensure(aFloats, bFloats);
        return buffers;
    }

    private void Ensure(int aFloats, int bFloats)
    {
        if (aFloats <= _aCapacity && bFloats <= _bCapacity)
        {
            return;
        }

        // Grow each part to the largest size seen so far, so alternating kernels do not reallocate.
        _aCapacity = Round(Math.Max(aFloats, _aCapacity));
        _bCapacity = Round(Math.Max(bFloats, _bCapacity));
        _store = GC.AllocateUninitializedArray<float>(_aCapacity + _bCapacity + AlignFloats, pinned: true);
        var start = (float*)Unsafe.AsPointer(ref _store[0]);
        var misalignment = (int)((nuint)start % (AlignFloats * sizeof(float))) / sizeof(float);
        A = start + ((AlignFloats - misalignment) % AlignFloats);
        B = A + _aCapacity;
    }

    private static int Round(int floats) => (floats + AlignFloats - 1) / AlignFloats * AlignFloats;
}
