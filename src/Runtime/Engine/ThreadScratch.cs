using System.Runtime.CompilerServices;

namespace MapDsl.Runtime.Engine;

/// <summary>
/// A pinned buffer per thread for passes that work a chunk at a time: small enough to stay in L2 and reused by
/// every chunk, so that writing it costs no trip to memory, where a buffer the size of the whole batch would be
/// written back and fetched again. Grown to the largest size asked for, never shrunk, so the steady state
/// allocates nothing. One user at a time per thread: a pass must not call another that uses it.
/// </summary>
internal sealed unsafe class ThreadScratch
{
    // 64-byte alignment: a 512-bit store that straddles two cache lines costs two.
    private const int AlignFloats = 16;

    [ThreadStatic]
    private static ThreadScratch? t_chunk;

    [ThreadStatic]
    private static ThreadScratch? t_shared;

    private float[] _store = [];

    /// <summary>This thread's buffer for the chunk it works on, with room for at least <paramref name="floats"/> floats.</summary>
    public static float* Chunk(int floats) => (t_chunk ??= new ThreadScratch()).Get(floats);

    /// <summary>
    /// A second buffer of this thread's, for what it hands to the threads that help it (which write their results
    /// there while using their own <see cref="Chunk"/>).
    /// </summary>
    public static float* Shared(int floats) => (t_shared ??= new ThreadScratch()).Get(floats);

    private float* Get(int floats)
    {
        if (_store.Length < floats + AlignFloats)
        {
            _store = GC.AllocateUninitializedArray<float>(floats + AlignFloats, pinned: true);
        }

        var start = (float*)Unsafe.AsPointer(ref _store[0]);
        var misalignment = (int)((nuint)start % (AlignFloats * sizeof(float))) / sizeof(float);
        return start + ((AlignFloats - misalignment) % AlignFloats);
    }
}
