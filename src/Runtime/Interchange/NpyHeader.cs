namespace MapDsl.Runtime.Interchange;

/// <summary>What an .npy header says about the array: its element type and shape (row-major order is required).</summary>
internal sealed record NpyHeader(ElementType Type, string Descr, int[] Shape, int ElementCount)
{
    private const int ShownCharacters = 120;

    /// <summary>Parses <paramref name="text"/>, the header's Python dict literal.</summary>
    public static NpyHeader Parse(string text, FileInput input)
    {
        object? parsed;
        try
        {
            parsed = PythonLiteral.Parse(text);
        }
        catch (FormatException malformed)
        {
            throw input.Error($"the header is not a Python dict literal: {malformed.Message}. The header is: {Shown(text)}");
        }

        if (parsed is not Dictionary<string, object?> dict)
        {
            throw input.Error($"the header must be a dict with 'descr', 'fortran_order' and 'shape', but it is: {Shown(text)}");
        }

        string descr = DescrText(Required(dict, "descr", input), input);
        ElementType type = NpyDescr.Parse(descr, input);
        int[] shape = ShapeSizes(Required(dict, "shape", input), input);
        if (Required(dict, "fortran_order", input) is not bool fortranOrder)
        {
            throw input.Error($"'fortran_order' must be True or False, but the header is: {Shown(text)}");
        }

        if (fortranOrder)
        {
            throw input.Error(
                "the array is stored in Fortran (column-major) order, which this reader does not convert; in Python, save np.ascontiguousarray(arr) instead.");
        }

        long? count = ShapeText.ElementCount([.. shape.Select(size => (long)size)]);
        return count is null
            ? throw input.Error($"shape {ShapeText.Format(shape)} has more elements than an array can hold.")
            : new NpyHeader(type, descr, shape, (int)count.Value);
    }

    private static object? Required(Dictionary<string, object?> dict, string key, FileInput input) =>
        dict.TryGetValue(key, out object? value) ? value : throw input.Error($"the header has no '{key}'.");

    private static string DescrText(object? value, FileInput input) => value switch
    {
        string descr => descr,
        List<object?> => throw input.Error("the array has a structured dtype (a list of fields), which this reader does not convert; save each field as its own array."),
        _ => throw input.Error("'descr' must be a dtype string such as '<f4'."),
    };

    private static int[] ShapeSizes(object? value, FileInput input)
    {
        if (value is List<object?> sizes && sizes.All(size => size is long and >= 0 and <= int.MaxValue))
        {
            return [.. sizes.Select(size => (int)(long)size!)];
        }

        throw input.Error($"'shape' must be a tuple of non-negative integers up to {int.MaxValue}.");
    }

    private static string Shown(string text)
    {
        string trimmed = text.TrimEnd();
        return trimmed.Length <= ShownCharacters ? trimmed : trimmed[..ShownCharacters] + "...";
    }
}
