using MapDsl.Runtime.IO;
using System.Globalization;
using System.Text;

namespace MapDsl.Runtime.Interchange;

/// <summary>
/// Reads and writes single arrays in numpy's <c>.npy</c> format (what <c>np.save</c> writes): the magic string, a
/// version, a Python-dict header with the dtype ('descr'), the memory order and the shape, then the raw values.
/// Reading accepts versions 1.0, 2.0 and 3.0 and the little-endian, row-major descrs <c>'&lt;f4'</c> (exact),
/// <c>'&lt;f8'</c> (rounded to the nearest float), <c>'|u1'</c>, <c>'&lt;i4'</c> and <c>'&lt;i8'</c> (to the nearest
/// float, exact up to 2^24), all converted to float. Writing stores <c>'&lt;f4'</c> in version 1.0.
/// </summary>
public static class Npy
{
    private const int HeaderAlignment = 64;

    /// <summary>Reads the array in <paramref name="path"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="name">The tensor's name; by default the file name without its extension.</param>
    /// <returns>The array as a tensor.</returns>
    /// <exception cref="InterchangeFormatException">The file is not a valid .npy file, or holds big-endian, Fortran-order or unsupported data.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static NamedTensor Read(string path, string? name = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = File.OpenRead(path);
        return Read(FileInput.Over(stream, path), name ?? Path.GetFileNameWithoutExtension(path));
    }

    /// <summary>Reads an array from <paramref name="stream"/>, from its position to its end (left open).</summary>
    /// <param name="stream">Source; one that cannot seek is first copied into memory.</param>
    /// <param name="name">The tensor's name.</param>
    /// <returns>The array as a tensor.</returns>
    /// <exception cref="InterchangeFormatException">The bytes are not a valid .npy file, or hold big-endian, Fortran-order or unsupported data.</exception>
    public static NamedTensor Read(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Read(FileInput.Over(stream, path: null), name);
    }

    /// <summary>
    /// Writes <paramref name="tensor"/> as a version 1.0, <c>'&lt;f4'</c> array to <paramref name="path"/> atomically: the
    /// bytes go to a temporary file in the same folder, which then replaces the target. The name is not stored.
    /// </summary>
    /// <param name="path">Target file; replaced if it exists.</param>
    /// <param name="tensor">The tensor.</param>
    public static void Write(string path, NamedTensor tensor)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] header = Header(tensor);
        AtomicFile.Write(path, stream => WriteTo(stream, header, tensor));
    }

    /// <summary>Writes <paramref name="tensor"/> to <paramref name="stream"/> (left open), the same bytes <see cref="Write(string, NamedTensor)"/> stores.</summary>
    /// <param name="stream">Destination.</param>
    /// <param name="tensor">The tensor.</param>
    public static void Write(Stream stream, NamedTensor tensor)
    {
        ArgumentNullException.ThrowIfNull(stream);
        WriteTo(stream, Header(tensor), tensor);
    }

    private static NamedTensor Read(FileInput input, string name)
    {
        NpyHeader header = NpyHeader.Parse(NpyPreamble.Read(input), input);
        long needed = (long)header.ElementCount * ElementDecoder.Size(header.Type);
        long present = input.Remaining;
        if (present != needed)
        {
            string what = $"shape {ShapeText.Format(header.Shape)} of '{header.Descr}' needs {needed} bytes of data";
            throw input.Error(present < needed
                ? $"the file is truncated: {what}, but only {present} follow the header."
                : $"{what}, but {present} follow the header; the header and the data disagree.");
        }

        return new NamedTensor(name, header.Shape, ElementReader.ReadFloats(input, header.Type, header.ElementCount));
    }

    private static void WriteTo(Stream stream, byte[] header, NamedTensor tensor)
    {
        stream.Write(header);
        FloatWriter.Write(stream, tensor.Data);
    }

    /// <summary>Magic, version 1.0, length and the dict, padded with spaces and ended by a newline so the data starts 64-byte aligned.</summary>
    private static byte[] Header(NamedTensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        string dict = $"{{'descr': '{NpyDescr.Written}', 'fortran_order': False, 'shape': {PythonTuple(tensor.Shape)}, }}";
        int unpadded = NpyPreamble.Version1PrefixLength + dict.Length + 1;
        string text = dict + new string(' ', (HeaderAlignment - (unpadded % HeaderAlignment)) % HeaderAlignment) + "\n";
        if (text.Length > ushort.MaxValue)
        {
            throw new ArgumentException($"Tensor '{tensor.Name}' has {tensor.Shape.Length} dimensions, too many for a version 1.0 .npy header.", nameof(tensor));
        }

        byte[] bytes = new byte[NpyPreamble.Version1PrefixLength + text.Length];
        NpyPreamble.Magic.CopyTo(bytes);
        bytes[6] = 1;
        bytes[7] = 0;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)text.Length);
        Encoding.ASCII.GetBytes(text, bytes.AsSpan(NpyPreamble.Version1PrefixLength));
        return bytes;
    }

    // Python's repr: "()" for a scalar, "(3,)" for one dimension, "(2, 3)" for more.
    private static string PythonTuple(int[] shape) => shape.Length == 1
        ? $"({shape[0].ToString(CultureInfo.InvariantCulture)},)"
        : "(" + string.Join(", ", shape.Select(size => size.ToString(CultureInfo.InvariantCulture))) + ")";
}
