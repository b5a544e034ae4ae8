namespace MapDsl.Runtime.Faults;

/// <summary>
/// One thread's working lists and bitsets for <see cref="ChipFaultDraws"/>, kept between calls: a campaign samples
/// a chip tile by tile, and fresh buffers per tile would allocate and grow again every time. Taken for one piece and
/// given back after it; a piece that throws just drops them.
/// </summary>
internal sealed class DrawBuffers
{
    // Buffers grown past this many units (8 MB per list) by one huge map are not kept for the thread's lifetime.
    private const int KeptUnits = 1 << 20;

    [ThreadStatic]
    private static DrawBuffers? _idle;

    /// <summary>Units of the first stream (stuck-on, or the only one).</summary>
    public List<long> On { get; } = [];

    /// <summary>Units of the stuck-off stream.</summary>
    public List<long> Off { get; } = [];

    /// <summary>Bitsets to sort and merge units; all zero between uses.</summary>
    public UnitBits Bits { get; } = new();

    /// <summary>This thread's buffers, with both lists empty.</summary>
    public static DrawBuffers Take()
    {
        var buffers = _idle ?? new DrawBuffers();
        _idle = null;
        buffers.On.Clear();
        buffers.Off.Clear();
        return buffers;
    }

    /// <summary>Gives the buffers back for the next piece on this thread.</summary>
    public static void Return(DrawBuffers buffers)
    {
        if (buffers.On.Capacity <= KeptUnits && buffers.Off.Capacity <= KeptUnits && buffers.Bits.Units <= 64L * KeptUnits)
        {
            _idle = buffers;
        }
    }
}
