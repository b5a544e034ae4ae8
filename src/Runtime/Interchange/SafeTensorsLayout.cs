namespace MapDsl.Runtime.Interchange;

/// <summary>
/// Checks that the tensors tile the data buffer: every range inside it, none overlapping, and together covering every
/// byte, as the format requires. A gap or leftover bytes mean the header and the data disagree, which usually means
/// damage, so they are errors rather than something to skip.
/// </summary>
internal static class SafeTensorsLayout
{
    /// <summary>The entries in the order of their data; entries that start at the same offset (empty ones) keep their header order.</summary>
    public static List<SafeTensorsEntry> Check(List<SafeTensorsEntry> entries, long bufferLength, FileInput input)
    {
        foreach (SafeTensorsEntry entry in entries)
        {
            if (entry.End > bufferLength)
            {
                throw input.Error(
                    $"tensor '{entry.Name}' has data_offsets {entry.Offsets}, beyond the end of the {bufferLength}-byte data buffer: the file is truncated or the offsets are wrong.");
            }
        }

        List<SafeTensorsEntry> ordered = [.. entries.OrderBy(entry => entry.Begin).ThenBy(entry => entry.End)];
        long covered = 0;
        SafeTensorsEntry? previous = null;
        foreach (SafeTensorsEntry entry in ordered)
        {
            if (entry.Begin < covered)
            {
                throw input.Error($"tensors '{previous!.Name}' {previous.Offsets} and '{entry.Name}' {entry.Offsets} overlap in the data buffer.");
            }

            if (entry.Begin > covered)
            {
                throw input.Error($"bytes [{covered}, {entry.Begin}) of the data buffer belong to no tensor; the data_offsets must cover the buffer without gaps.");
            }

            covered = entry.End;
            previous = entry;
        }

        if (covered != bufferLength)
        {
            throw input.Error(
                $"the data buffer has {bufferLength} bytes, but the tensors cover only the first {covered}; the data_offsets must cover the buffer without gaps.");
        }

        return ordered;
    }
}
