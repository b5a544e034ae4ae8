using System.Globalization;
using System.Text.Json;

namespace MapDsl.Runtime.Data;

/// <summary>Reads JSON arrays of numbers for <see cref="MnistJson"/>, naming the offending element when one is wrong.</summary>
internal static class JsonPixels
{
    /// <summary>Parses a whole (possibly gzipped) file, turning a syntax error into <see cref="DataFormatException"/>.</summary>
    public static JsonDocument Parse(string path)
    {
        byte[] bytes = GzipDetectingFile.ReadAll(path, out _);
        try
        {
            return JsonDocument.Parse(bytes);
        }
        catch (JsonException error)
        {
            throw new DataFormatException(path, $"invalid JSON: {error.Message}", error);
        }
    }

    /// <summary>Appends the values of <paramref name="array"/> to <paramref name="target"/>, each checked to be in [0, 1].</summary>
    /// <param name="array">The element that should be an array of numbers.</param>
    /// <param name="name">Its JSON path, such as <c>data</c> or <c>[3].input</c>, for errors.</param>
    /// <param name="path">The file, for errors.</param>
    /// <param name="target">Where the values go.</param>
    public static void AppendUnitValues(JsonElement array, string name, string path, List<float> target)
    {
        RequireKind(array, JsonValueKind.Array, name, path, "an array of pixel values");
        int index = 0;
        foreach (JsonElement item in array.EnumerateArray())
        {
            float value = Number(item, $"{name}[{index}]", path);
            if (!(value >= 0f && value <= 1f))
            {
                throw new DataFormatException(path, $"pixel out of range: {name}[{index}] is {value.ToString(CultureInfo.InvariantCulture)}, outside [0, 1]");
            }

            target.Add(value);
            index++;
        }
    }

    /// <summary>The number in <paramref name="item"/>.</summary>
    public static float Number(JsonElement item, string name, string path)
    {
        if (item.ValueKind != JsonValueKind.Number)
        {
            throw new DataFormatException(path, $"{name} is {Describe(item)}, expected a number");
        }

        // JSON has no NaN or infinity, but a number too large for a float reads as one.
        if (!item.TryGetSingle(out float value) || !float.IsFinite(value))
        {
            throw new DataFormatException(path, $"{name} is {Describe(item)}, which is not a finite float");
        }

        return value;
    }

    /// <summary>Fails unless <paramref name="element"/> is of <paramref name="kind"/>.</summary>
    public static void RequireKind(JsonElement element, JsonValueKind kind, string name, string path, string expected)
    {
        if (element.ValueKind != kind)
        {
            throw new DataFormatException(path, $"{name} is {Describe(element)}, expected {expected}");
        }
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => $"the number {element.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "missing",
    };
}
