using System.Buffers.Binary;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MapDsl.Runtime.Interchange;

/// <summary>
/// A safetensors file checked and laid out before anything is written: the padded header and the tensors in the given
/// order. Building it first means invalid input throws before a file is touched.
/// </summary>
internal sealed class PreparedSafeTensors
{
    private const int HeaderAlignment = 8;

    // No whitespace, and characters outside ASCII kept as UTF-8 rather than \u-escaped (the default escapes them for
    // HTML embedding, which does not apply here); either way the bytes depend only on the input.
    private static readonly JsonWriterOptions Compact = new() { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly byte[] _header;
    private readonly IReadOnlyList<NamedTensor> _tensors;

    private PreparedSafeTensors(byte[] header, IReadOnlyList<NamedTensor> tensors)
    {
        _header = header;
        _tensors = tensors;
    }

    public static PreparedSafeTensors Prepare(IEnumerable<NamedTensor> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        List<NamedTensor> list = [.. tensors];
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (NamedTensor? tensor in list)
        {
            if (tensor is null)
            {
                throw new ArgumentException("The tensors include null.", nameof(tensors));
            }

            if (tensor.Name == SafeTensorsHeaderParser.MetadataKey)
            {
                throw new ArgumentException($"A tensor cannot be named '{SafeTensorsHeaderParser.MetadataKey}': the format reserves that key for metadata.", nameof(tensors));
            }

            if (!names.Add(tensor.Name))
            {
                throw new ArgumentException($"Two tensors are named '{tensor.Name}'; names in a safetensors file are unique.", nameof(tensors));
            }
        }

        return new PreparedSafeTensors(Header(list, metadata), list);
    }

    public void WriteTo(Stream stream)
    {
        Span<byte> length = stackalloc byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)_header.Length);
        stream.Write(length);
        stream.Write(_header);
        foreach (NamedTensor tensor in _tensors)
        {
            FloatWriter.Write(stream, tensor.Data);
        }
    }

    private static byte[] Header(List<NamedTensor> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        using var json = new MemoryStream();
        using (var writer = new Utf8JsonWriter(json, Compact))
        {
            writer.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                writer.WriteStartObject(SafeTensorsHeaderParser.MetadataKey);

                // Sorted, because a dictionary's enumeration order is not something the bytes should depend on.
                foreach ((string key, string value) in metadata.OrderBy(item => item.Key, StringComparer.Ordinal))
                {
                    writer.WriteString(key, value ?? throw new ArgumentException($"Metadata '{key}' is null; values must be strings.", nameof(metadata)));
                }

                writer.WriteEndObject();
            }

            long offset = 0;
            foreach (NamedTensor tensor in tensors)
            {
                long end = offset + ((long)tensor.Data.Length * sizeof(float));
                writer.WriteStartObject(tensor.Name);
                writer.WriteString("dtype", SafeTensorsDTypes.Written);
                writer.WriteStartArray("shape");
                foreach (int size in tensor.Shape)
                {
                    writer.WriteNumberValue(size);
                }

                writer.WriteEndArray();
                writer.WriteStartArray("data_offsets");
                writer.WriteNumberValue(offset);
                writer.WriteNumberValue(end);
                writer.WriteEndArray();
                writer.WriteEndObject();
                offset = end;
            }

            writer.WriteEndObject();
        }

        // Spaces up to a multiple of 8, as the reference implementation pads, so the data buffer starts aligned.
        int padded = (int)((json.Length + HeaderAlignment - 1) / HeaderAlignment * HeaderAlignment);
        while (json.Length < padded)
        {
            json.WriteByte((byte)' ');
        }

        return json.ToArray();
    }
}
