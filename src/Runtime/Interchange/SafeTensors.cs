using MapDsl.Runtime.IO;
namespace MapDsl.Runtime.Interchange;

/// <summary>
/// Reads and writes <c>.safetensors</c> files, the format of <c>safetensors.torch.save_file</c>: an 8-byte
/// little-endian header length, a JSON header naming each tensor's dtype, shape and byte range, then the tensors'
/// little-endian bytes. Reading converts every value to float: F32 exactly, F16 and BF16 exactly (both widen),
/// F64 rounded to the nearest float (values beyond float's range become infinities), and the integer dtypes I64, I32,
/// I16, I8, U8 and BOOL (such as BatchNorm's <c>num_batches_tracked</c>) to the nearest float, exact up to 2^24.
/// Writing always stores F32.
/// </summary>
public static class SafeTensors
{
    /// <summary>Reads every tensor in <paramref name="path"/>.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The tensors in the order of their data in the file (for files this class writes: the order they were given).</returns>
    /// <exception cref="InterchangeFormatException">The file is not a valid safetensors file or holds a dtype not listed above.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static IReadOnlyList<NamedTensor> Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = File.OpenRead(path);
        return Read(FileInput.Over(stream, path));
    }

    /// <summary>Reads every tensor from <paramref name="stream"/>, from its position to its end (left open).</summary>
    /// <param name="stream">Source; one that cannot seek is first copied into memory.</param>
    /// <returns>The tensors in the order of their data.</returns>
    /// <exception cref="InterchangeFormatException">The bytes are not a valid safetensors file or hold a dtype not listed above.</exception>
    public static IReadOnlyList<NamedTensor> Read(Stream stream) => Read(FileInput.Over(stream, path: null));

    /// <summary>Reads the free-form <c>__metadata__</c> strings of <paramref name="path"/>; the header is checked, the tensor data is not read.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The metadata; empty when the file has none.</returns>
    /// <exception cref="InterchangeFormatException">The header is not valid or does not fit the file.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static IReadOnlyDictionary<string, string> ReadMetadata(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = File.OpenRead(path);
        return SafeTensorsHeaderReader.Read(FileInput.Over(stream, path)).Metadata;
    }

    /// <summary>Reads the free-form <c>__metadata__</c> strings from <paramref name="stream"/> (left open).</summary>
    /// <param name="stream">Source, positioned at the start of a safetensors file.</param>
    /// <returns>The metadata; empty when there is none.</returns>
    /// <exception cref="InterchangeFormatException">The header is not valid or does not fit the data that follows.</exception>
    public static IReadOnlyDictionary<string, string> ReadMetadata(Stream stream) =>
        SafeTensorsHeaderReader.Read(FileInput.Over(stream, path: null)).Metadata;

    /// <summary>
    /// Writes <paramref name="tensors"/> as F32 to <paramref name="path"/> atomically: the bytes go to a temporary file
    /// in the same folder, which then replaces the target, so readers never see a partial file.
    /// </summary>
    /// <param name="path">Target file; replaced if it exists.</param>
    /// <param name="tensors">The tensors, stored in this order; names must be unique and not <c>__metadata__</c>.</param>
    /// <param name="metadata">Optional free-form strings, stored as <c>__metadata__</c> with keys sorted.</param>
    /// <remarks>The same tensors and metadata always give the same bytes: compact JSON, padded with spaces to a multiple of 8 bytes.</remarks>
    /// <exception cref="ArgumentException">Two tensors share a name, or a name is reserved.</exception>
    public static void Write(string path, IEnumerable<NamedTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        PreparedSafeTensors prepared = PreparedSafeTensors.Prepare(tensors, metadata);
        AtomicFile.Write(path, prepared.WriteTo);
    }

    /// <summary>Writes <paramref name="tensors"/> as F32 to <paramref name="stream"/> (left open); the bytes are those <see cref="Write(string, IEnumerable{NamedTensor}, IReadOnlyDictionary{string, string}?)"/> stores.</summary>
    /// <param name="stream">Destination.</param>
    /// <param name="tensors">The tensors, stored in this order; names must be unique and not <c>__metadata__</c>.</param>
    /// <param name="metadata">Optional free-form strings, stored as <c>__metadata__</c> with keys sorted.</param>
    /// <exception cref="ArgumentException">Two tensors share a name, or a name is reserved.</exception>
    public static void Write(Stream stream, IEnumerable<NamedTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        PreparedSafeTensors.Prepare(tensors, metadata).WriteTo(stream);
    }

    private static List<NamedTensor> Read(FileInput input)
    {
        SafeTensorsHeader header = SafeTensorsHeaderReader.Read(input);
        var tensors = new List<NamedTensor>(header.Entries.Count);
        foreach (SafeTensorsEntry entry in header.Entries)
        {
            float[] data = ElementReader.ReadFloats(input, entry.Type, entry.ElementCount);
            tensors.Add(new NamedTensor(entry.Name, entry.Shape, data));
        }

        return tensors;
    }
}
