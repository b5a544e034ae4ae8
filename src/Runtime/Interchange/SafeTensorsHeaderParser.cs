using System.Text.Json;

namespace MapDsl.Runtime.Interchange;

/// <summary>
/// Reads the JSON header of a safetensors file into entries and metadata, checking each entry on its own (dtype known,
/// shape and offsets well-formed, offsets spanning exactly the bytes the shape needs). How the entries share the data
/// buffer is <see cref="SafeTensorsLayout"/>'s business.
/// </summary>
internal static class SafeTensorsHeaderParser
{
    public const string MetadataKey = "__metadata__";

    private const int ShownCharacters = 60;

    // Duplicate keys are rejected: which of two "dtype"s (or two tensors of one name) wins is not something to guess.
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false };

    public static (List<SafeTensorsEntry> Entries, Dictionary<string, string> Metadata) Parse(byte[] json, FileInput input)
    {
        int first = Array.FindIndex(json, b => b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'));
        if (first < 0 || json[first] != (byte)'{')
        {
            throw input.Error("the header is not a JSON object (it must start with '{'); this is not a safetensors file or its header is damaged.");
        }

        // The JSON reader checks UTF-8 only where it transcodes a string, which would surface as the wrong exception.
        if (!System.Text.Unicode.Utf8.IsValid(json))
        {
            throw input.Error("the header is not valid UTF-8 text; the file is damaged or not a safetensors file.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Strict);
        }
        catch (JsonException malformed)
        {
            throw input.Error($"the header is not valid JSON: {malformed.Message}");
        }

        using (document)
        {
            var entries = new List<SafeTensorsEntry>();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (JsonProperty property in document.RootElement.EnumerateObject())
            {
                if (property.Name == MetadataKey)
                {
                    ReadMetadata(property.Value, metadata, input);
                }
                else
                {
                    entries.Add(ReadEntry(property.Name, property.Value, input));
                }
            }

            return (entries, metadata);
        }
    }

    private static void ReadMetadata(JsonElement value, Dictionary<string, string> metadata, FileInput input)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw input.Error($"'{MetadataKey}' must be an object of string values, but it is {Shown(value)}.");
        }

        foreach (JsonProperty item in value.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
            {
                throw input.Error($"'{MetadataKey}' must be an object of string values, but '{item.Name}' is {Shown(item.Value)}.");
            }

            metadata[item.Name] = item.Value.GetString()!;
        }
    }

    private static SafeTensorsEntry ReadEntry(string name, JsonElement value, FileInput input)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw input.Error($"tensor '{name}' must be an object with 'dtype', 'shape' and 'data_offsets', but it is {Shown(value)}.");
        }

        JsonElement dtypeValue = Required(value, name, "dtype", input);
        if (dtypeValue.ValueKind != JsonValueKind.String)
        {
            throw input.Error($"tensor '{name}': 'dtype' must be a string, but it is {Shown(dtypeValue)}.");
        }

        string dtype = dtypeValue.GetString()!;
        ElementType type = SafeTensorsDTypes.Parse(dtype)
            ?? throw input.Error($"tensor '{name}' has dtype '{dtype}', which this reader does not convert to float (it reads {SafeTensorsDTypes.Listed}).");

        JsonElement shapeValue = Required(value, name, "shape", input);
        long[] shape = NonNegativeIntegers(shapeValue)
            ?? throw input.Error($"tensor '{name}': 'shape' must be an array of non-negative integers, but it is {Shown(shapeValue)}.");

        JsonElement offsetsValue = Required(value, name, "data_offsets", input);
        long[]? offsets = NonNegativeIntegers(offsetsValue);
        if (offsets is not [long begin, long end] || begin > end)
        {
            throw input.Error($"tensor '{name}': 'data_offsets' must be [begin, end] with 0 <= begin <= end, but it is {Shown(offsetsValue)}.");
        }

        long? count = ShapeText.ElementCount(shape);
        if (count is null)
        {
            throw input.Error($"tensor '{name}' has shape {ShapeText.Format(shape)}: more elements than an array can hold.");
        }

        if (shape.Any(size => size > int.MaxValue))
        {
            throw input.Error($"tensor '{name}' has shape {ShapeText.Format(shape)}, with a size beyond {int.MaxValue}.");
        }

        long needed = count.Value * ElementDecoder.Size(type);
        if (end - begin != needed)
        {
            throw input.Error(
                $"tensor '{name}' ({dtype}, shape {ShapeText.Format(shape)}) needs {needed} bytes, but its data_offsets [{begin}, {end}] span {end - begin}.");
        }

        return new SafeTensorsEntry(name, dtype, type, [.. shape.Select(size => (int)size)], (int)count.Value, begin, end);
    }

    private static JsonElement Required(JsonElement entry, string name, string key, FileInput input) =>
        entry.TryGetProperty(key, out JsonElement value) ? value : throw input.Error($"tensor '{name}' has no '{key}'.");

    private static long[]? NonNegativeIntegers(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var numbers = new List<long>();
        foreach (JsonElement item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out long number) || number < 0)
            {
                return null;
            }

            numbers.Add(number);
        }

        return [.. numbers];
    }

    private static string Shown(JsonElement value)
    {
        string text = value.GetRawText();
        return text.Length <= ShownCharacters ? text : text[..ShownCharacters] + "...";
    }
}
