namespace MapDsl.Runtime.Interchange;

/// <summary>One tensor as a safetensors header describes it; <see cref="Begin"/> and <see cref="End"/> are relative to the data buffer.</summary>
internal sealed record SafeTensorsEntry(string Name, string DType, ElementType Type, int[] Shape, int ElementCount, long Begin, long End)
{
    public string Offsets => $"[{Begin}, {End}]";
}
