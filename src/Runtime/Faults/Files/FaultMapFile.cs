using MapDsl.Runtime.IO;
using System.Text;

namespace MapDsl.Runtime.Faults.Files;

/// <summary>
/// Saves and loads fault maps as text files (format version 1, described in docs/fault-map-format.md), so that maps
/// profiled on real chips can be written by hand or by a lab script and sampled maps can be archived. A file names
/// its mapping and the mapping's shape, lists one fault per line and ends with a SHA-256 checksum; loading checks all
/// of it against the expected mapping and either returns a complete map or throws
/// <see cref="FaultMapFormatException"/>.
/// </summary>
public static class FaultMapFile
{
    // Strict decoding, so damaged bytes are reported rather than silently replaced (which would also break the checksum).
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Writes <paramref name="map"/> to <paramref name="path"/> atomically: the text goes to a temporary file in the same
    /// folder, which then replaces the target, so readers see the old file or the new one, never a partial one.
    /// </summary>
    /// <param name="map">The map; it must fit <paramref name="shape"/> and be made for its mapping.</param>
    /// <param name="shape">The mapping's shape, written into the file so a load against another mapping is caught.</param>
    /// <param name="path">Target file; replaced if it exists.</param>
    /// <exception cref="ArgumentException">The map does not fit the shape or cannot be written (see <see cref="ToText"/>).</exception>
    public static void Save(FaultMap map, MappingShape shape, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes = Utf8.GetBytes(ToText(map, shape));

        AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    /// <summary>Writes <paramref name="map"/> as UTF-8 text to <paramref name="stream"/> (left open).</summary>
    /// <param name="map">The map; it must fit <paramref name="shape"/> and be made for its mapping.</param>
    /// <param name="shape">The mapping's shape.</param>
    /// <param name="stream">Destination.</param>
    public static void Save(FaultMap map, MappingShape shape, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(Utf8.GetBytes(ToText(map, shape)));
    }

    /// <summary>Writes <paramref name="map"/> as text to <paramref name="writer"/> (left open).</summary>
    /// <param name="map">The map; it must fit <paramref name="shape"/> and be made for its mapping.</param>
    /// <param name="shape">The mapping's shape.</param>
    /// <param name="writer">Destination; the file's line ends are <c>\n</c> whatever the writer's NewLine.</param>
    public static void Save(FaultMap map, MappingShape shape, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(ToText(map, shape));
    }

    /// <summary>
    /// The file text of <paramref name="map"/>: invariant culture, <c>\n</c> line ends, faults sorted, checksum last;
    /// the same map and shape always give the same text. The text is loaded back before it is returned, so nothing is
    /// ever saved that <see cref="Load(string, MappingShape)"/> would reject.
    /// </summary>
    /// <param name="map">The map; it must fit <paramref name="shape"/> and be made for its mapping.</param>
    /// <param name="shape">The mapping's shape.</param>
    /// <exception cref="ArgumentException">
    /// The map does not fit the shape, is made for another mapping, repeats a fault, or a name is not a single word.
    /// </exception>
    public static string ToText(FaultMap map, MappingShape shape)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(shape);
        if (map.Mapping != shape.Mapping)
        {
            throw new ArgumentException($"The fault map is for mapping '{map.Mapping}' but the shape is mapping '{shape.Mapping}'.", nameof(map));
        }

        if (!map.Matches(shape, out string problem))
        {
            throw new ArgumentException($"The fault map does not fit mapping '{shape.Mapping}': {problem}", nameof(map));
        }

        foreach (string name in shape.Layers.Select(layer => layer.Layer).Prepend(shape.Mapping))
        {
            if (!FaultMapSyntax.IsWord(name))
            {
                throw new ArgumentException($"'{name}' cannot be written into a fault map file: names must be single words without spaces, control characters or '#'.", nameof(shape));
            }
        }

        string text = FaultMapWriter.Write(map, shape);
        try
        {
            Read(text, shape, path: null);
        }
        catch (FaultMapFormatException rejected)
        {
            throw new ArgumentException($"The fault map cannot be saved: {rejected.Problem}", nameof(map), rejected);
        }

        return text;
    }

    /// <summary>Loads the fault map in <paramref name="path"/> and checks it against <paramref name="expected"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="expected">The shape of the mapping the map is for.</param>
    /// <returns>The complete map; its lists are sorted as <see cref="FaultMap"/> documents.</returns>
    /// <exception cref="FaultMapFormatException">The file is not a valid fault map for <paramref name="expected"/>.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static FaultMap Load(string path, MappingShape expected)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Decode(File.ReadAllBytes(path), expected, path);
    }

    /// <summary>Loads a fault map from UTF-8 bytes in <paramref name="stream"/> (read to its end, left open).</summary>
    /// <param name="stream">Source.</param>
    /// <param name="expected">The shape of the mapping the map is for.</param>
    /// <returns>The complete map.</returns>
    /// <exception cref="FaultMapFormatException">The text is not a valid fault map for <paramref name="expected"/>.</exception>
    public static FaultMap Load(Stream stream, MappingShape expected)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return Decode(bytes.ToArray(), expected, path: null);
    }

    /// <summary>
    /// Loads a fault map from <paramref name="reader"/> (read to its end, left open). The checksum is checked against
    /// the UTF-8 encoding of the text.
    /// </summary>
    /// <param name="reader">Source.</param>
    /// <param name="expected">The shape of the mapping the map is for.</param>
    /// <returns>The complete map.</returns>
    /// <exception cref="FaultMapFormatException">The text is not a valid fault map for <paramref name="expected"/>.</exception>
    public static FaultMap Load(TextReader reader, MappingShape expected)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(expected);
        return Read(reader.ReadToEnd(), expected, path: null);
    }

    private static FaultMap Decode(byte[] bytes, MappingShape expected, string? path)
    {
        ArgumentNullException.ThrowIfNull(expected);
        string text;
        try
        {
            text = Utf8.GetString(bytes);
        }
        catch (DecoderFallbackException invalid)
        {
            int offset = Math.Clamp(invalid.Index, 0, bytes.Length);
            int line = 1 + bytes.AsSpan(0, offset).Count((byte)'\n');
            throw new FaultMapFormatException(path, line, $"the file is not UTF-8 text (invalid byte at offset {offset}); it may be damaged or not a fault map.");
        }

        return Read(text, expected, path);
    }

    private static FaultMap Read(string text, MappingShape expected, string? path)
    {
        (List<SourceLine> body, int checksumLine) = FaultMapEnvelope.Open(text, path);
        return FaultMapParser.Parse(body, checksumLine, expected, path);
    }
}
