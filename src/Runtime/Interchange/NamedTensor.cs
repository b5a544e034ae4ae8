namespace MapDsl.Runtime.Interchange;

/// <summary>
/// A named array of floats in row-major (C) order, as one entry of a PyTorch <c>state_dict</c> or one <c>.npy</c> file.
/// The arrays are held, not copied, and records compare them by reference.
/// </summary>
public sealed record NamedTensor
{
    /// <summary>Creates the tensor after checking that <paramref name="Data"/> holds exactly as many values as <paramref name="Shape"/> implies.</summary>
    /// <param name="Name">The tensor's name, e.g. <c>features.0.weight</c>.</param>
    /// <param name="Shape">Sizes of the dimensions, outermost first; empty for a scalar. No size may be negative.</param>
    /// <param name="Data">The values, last dimension fastest; its length is the product of the sizes (1 for a scalar).</param>
    /// <exception cref="ArgumentException">A size is negative or the length of <paramref name="Data"/> does not match.</exception>
    public NamedTensor(string Name, int[] Shape, float[] Data)
    {
        ArgumentNullException.ThrowIfNull(Name);
        ArgumentNullException.ThrowIfNull(Shape);
        ArgumentNullException.ThrowIfNull(Data);
        if (Shape.Any(size => size < 0))
        {
            throw new ArgumentException($"Tensor '{Name}' has shape {ShapeText.Format(Shape)}; sizes cannot be negative.", nameof(Shape));
        }

        long? count = ShapeText.ElementCount(Shape.Select(size => (long)size).ToArray());
        if (count != Data.Length)
        {
            throw new ArgumentException(
                $"Tensor '{Name}' has shape {ShapeText.Format(Shape)}, which needs {Needed(count)}, but its data has {Data.Length}.",
                nameof(Data));
        }

        this.Name = Name;
        this.Shape = Shape;
        this.Data = Data;
    }

    /// <summary>The tensor's name; <c>with { Name = ... }</c> renames it (shape and data cannot be swapped that way, as they are checked together).</summary>
    public string Name
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Sizes of the dimensions, outermost first; empty for a scalar.</summary>
    public int[] Shape { get; }

    /// <summary>The values in row-major order.</summary>
    public float[] Data { get; }

    /// <summary>Splits the tensor into its parts, in the order of the constructor.</summary>
    /// <param name="Name">The tensor's name.</param>
    /// <param name="Shape">Sizes of the dimensions.</param>
    /// <param name="Data">The values.</param>
    public void Deconstruct(out string Name, out int[] Shape, out float[] Data)
    {
        Name = this.Name;
        Shape = this.Shape;
        Data = this.Data;
    }

    private static string Needed(long? count) => count switch
    {
        null => "more values than an array holds",
        1 => "1 value",
        _ => $"{count} values",
    };
}
