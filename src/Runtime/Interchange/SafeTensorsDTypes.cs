namespace MapDsl.Runtime.Interchange;

/// <summary>The safetensors dtype names this library converts to float, and the one it writes.</summary>
internal static class SafeTensorsDTypes
{
    public const string Written = "F32";

    private static readonly (string Name, ElementType Type)[] Known =
    [
        ("F32", ElementType.Float32),
        ("F64", ElementType.Float64),
        ("F16", ElementType.Float16),
        ("BF16", ElementType.BFloat16),
        ("I64", ElementType.Int64),
        ("I32", ElementType.Int32),
        ("I16", ElementType.Int16),
        ("I8", ElementType.Int8),
        ("U8", ElementType.UInt8),
        ("BOOL", ElementType.Bool),
    ];

    /// <summary>The names for messages, e.g. "F32, F64, ... and BOOL".</summary>
    public static string Listed => string.Join(", ", Known[..^1].Select(known => known.Name)) + " and " + Known[^1].Name;

    public static ElementType? Parse(string name)
    {
        foreach ((string known, ElementType type) in Known)
        {
            if (known == name)
            {
                return type;
            }
        }

        return null;
    }
}
