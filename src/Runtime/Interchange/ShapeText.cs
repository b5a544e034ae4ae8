using System.Globalization;

namespace MapDsl.Runtime.Interchange;

/// <summary>Shapes as messages show them, and the element count a shape implies.</summary>
internal static class ShapeText
{
    /// <summary>Like <c>[6, 1, 5, 5]</c>; a scalar is <c>[]</c>.</summary>
    public static string Format(IEnumerable<long> shape) =>
        "[" + string.Join(", ", shape.Select(size => size.ToString(CultureInfo.InvariantCulture))) + "]";

    /// <inheritdoc cref="Format(IEnumerable{long})"/>
    public static string Format(IEnumerable<int> shape) => Format(shape.Select(size => (long)size));

    /// <summary>
    /// The product of the sizes (1 for a scalar), or null when it exceeds what a <c>float[]</c> can hold. A size of
    /// zero makes the product zero however large the other sizes are, so zero is checked before overflow.
    /// </summary>
    public static long? ElementCount(IReadOnlyList<long> shape)
    {
        if (shape.Contains(0))
        {
            return 0;
        }

        long count = 1;
        foreach (long size in shape)
        {
            if (size > Array.MaxLength || count > Array.MaxLength / size)
            {
                return null;
            }

            count *= size;
        }

        return count;
    }
}
