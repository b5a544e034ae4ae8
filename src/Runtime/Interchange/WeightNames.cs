namespace MapDsl.Runtime.Interchange;

/// <summary>
/// Maps PyTorch <c>state_dict</c> names to layer names and back. PyTorch names a layer's parameters by its path in
/// the module tree followed by the parameter, e.g. <c>features.0.weight</c> for the first layer of a
/// <c>Sequential</c> called <c>features</c>; the layer is everything before the last dot.
/// </summary>
public static class WeightNames
{
    /// <summary>The part name of a layer's weight tensor.</summary>
    public const string Weight = "weight";

    /// <summary>The part name of a layer's bias tensor.</summary>
    public const string Bias = "bias";

    /// <summary>
    /// Splits <c>&lt;layer&gt;.weight</c> or <c>&lt;layer&gt;.bias</c> into layer and part: <c>features.0.weight</c>
    /// gives (<c>features.0</c>, <c>weight</c>). Other tensors (BatchNorm's <c>running_mean</c>, say) and names with
    /// no layer before the dot give null.
    /// </summary>
    /// <param name="name">A state_dict name.</param>
    /// <returns>The layer and the part (<see cref="Weight"/> or <see cref="Bias"/>), or null.</returns>
    public static (string Layer, string Part)? Split(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        int dot = name.LastIndexOf('.');
        if (dot <= 0)
        {
            return null;
        }

        string part = name[(dot + 1)..];
        return part is Weight or Bias ? (name[..dot], part) : null;
    }

    /// <summary>The state_dict name of <paramref name="layer"/>'s weight: <c>&lt;layer&gt;.weight</c>.</summary>
    /// <param name="layer">The layer's path, e.g. <c>features.0</c>.</param>
    /// <returns>The tensor name.</returns>
    public static string WeightName(string layer) => Join(layer, Weight);

    /// <summary>The state_dict name of <paramref name="layer"/>'s bias: <c>&lt;layer&gt;.bias</c>.</summary>
    /// <param name="layer">The layer's path, e.g. <c>features.0</c>.</param>
    /// <returns>The tensor name.</returns>
    public static string BiasName(string layer) => Join(layer, Bias);

    private static string Join(string layer, string part)
    {
        ArgumentException.ThrowIfNullOrEmpty(layer);
        return layer + "." + part;
    }
}
