namespace MapDsl.Runtime.Interchange;

/// <summary>A checked safetensors header: the tensors in the order of their data, and the free-form metadata.</summary>
internal sealed record SafeTensorsHeader(IReadOnlyList<SafeTensorsEntry> Entries, IReadOnlyDictionary<string, string> Metadata);
