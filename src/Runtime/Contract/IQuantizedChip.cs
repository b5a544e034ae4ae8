using MapDsl.Runtime.Quantization;

namespace MapDsl.Runtime.Contract;

/// <summary>
/// A chip of a mapping with <c>quantize</c>: besides its tiles it keeps every weighted layer's stored codes, the
/// memory bit flips act on. A campaign reads the fault-free codes here to decode only the codes a chip's flips
/// change (O(flips)) instead of programming and reading back every weight.
/// </summary>
public interface IQuantizedChip : IChip
{
    /// <summary>
    /// Every weighted layer's codes as the chip stores them (its flipped bits included), in layer order; an entry is
    /// null until the chip is mapped. The chip's own objects, not copies.
    /// </summary>
    IReadOnlyList<QuantizedTensor?> StoredCodes { get; }

    /// <summary>
    /// Every weighted layer's bias codes as the chip stores them, in layer order, when the mapping quantizes biases
    /// (<c>quantize ... biases</c>); entries are null until the chip is mapped, and always when biases stay float.
    /// </summary>
    IReadOnlyList<QuantizedTensor?> StoredBiasCodes { get; }
}
