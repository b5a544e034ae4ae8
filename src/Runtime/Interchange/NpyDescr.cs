namespace MapDsl.Runtime.Interchange;

/// <summary>The numpy dtype strings ('descr') this library reads, and the one it writes.</summary>
internal static class NpyDescr
{
    public const string Written = "<f4";

    private const string Readable = "'<f4', '<f8', '|u1', '<i4' and '<i8'";

    /// <summary>The element type of <paramref name="descr"/>, or an error that says what the file holds and what to do about it.</summary>
    public static ElementType Parse(string descr, FileInput input)
    {
        if (descr.Length < 2)
        {
            throw Unsupported(descr, input);
        }

        char byteOrder = descr[0];
        ElementType? type = descr[1..] switch
        {
            "f4" => ElementType.Float32,
            "f8" => ElementType.Float64,
            "u1" => ElementType.UInt8,
            "i4" => ElementType.Int32,
            "i8" => ElementType.Int64,
            _ => null,
        };

        if (type is null || byteOrder is not ('<' or '>' or '|' or '='))
        {
            throw Unsupported(descr, input);
        }

        // A single byte has no byte order, so only wider types care which one is named.
        bool singleByte = ElementDecoder.Size(type.Value) == 1;
        if (singleByte || byteOrder == '<')
        {
            return type.Value;
        }

        if (byteOrder == '>')
        {
            throw input.Error(
                $"the data is big-endian (descr '{descr}'), which this reader does not convert; in Python, save arr.astype('<{descr[1..]}') instead.");
        }

        throw input.Error($"descr '{descr}' does not say the byte order ('{byteOrder}'); files numpy writes say '<' or '>'.");
    }

    private static InterchangeFormatException Unsupported(string descr, FileInput input) => input.Error(
        $"unsupported descr '{descr}'; this reader converts {Readable} to float. In Python, save arr.astype(np.float32) instead.");
}
