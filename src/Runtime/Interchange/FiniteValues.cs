using System.Globalization;

namespace MapDsl.Runtime.Interchange;

/// <summary>
/// Checks that a tensor loaded as network parameters holds no NaN or infinity. The readers keep such values bit for bit,
/// as the formats store them; a network cannot use them, and they usually come from a diverged training run or a
/// damaged file, so the generated <c>LoadSafetensors</c> refuses them here, where the file and the tensor are still known.
/// </summary>
public static class FiniteValues
{
    /// <summary>Throws unless every value of <paramref name="tensor"/> is finite.</summary>
    /// <param name="tensor">The tensor, as read from the file.</param>
    /// <param name="path">The file it was read from, for the message.</param>
    /// <exception cref="InterchangeFormatException">A value is NaN or infinite; the message names the file, the tensor and the value's index.</exception>
    public static void Require(NamedTensor tensor, string? path)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        float[] data = tensor.Data;
        for (int i = 0; i < data.Length; i++)
        {
            if (!float.IsFinite(data[i]))
            {
                throw new InterchangeFormatException(
                    path,
                    $"tensor '{tensor.Name}' holds {data[i].ToString(CultureInfo.InvariantCulture)} at {ShapeText.Format(Index(tensor.Shape, i))} "
                    + $"(value {i} of {data.Length}): network parameters must be finite; NaN and infinities come from a diverged training run or a damaged file.");
            }
        }
    }

    // The row-major index of the flat position, outermost dimension first.
    private static int[] Index(int[] shape, int flat)
    {
        var index = new int[shape.Length];
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }

        return index;
    }
}
