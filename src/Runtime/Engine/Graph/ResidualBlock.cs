namespace MapDsl.Runtime.Engine.Graph;

/// <summary>
/// <c>residual NAME { body; shortcut { ... } }</c>: output = body(x) + shortcut(x), both paths starting from the
/// block's input; an empty shortcut is the identity. <see cref="NetworkGraph"/> flattens a block into its body steps,
/// its shortcut steps and a <see cref="ResidualAddStep"/>, in that order.
/// </summary>
public sealed class ResidualBlock : GraphNode
{
    /// <summary>Describes a block.</summary>
    /// <param name="name">The block's .xmap name, e.g. <c>r2</c>.</param>
    /// <param name="body">The body's layers, in order; at least one.</param>
    /// <param name="shortcut">The shortcut's layers, in order; empty for the identity.</param>
    /// <exception cref="ArgumentException">The body is empty.</exception>
    public ResidualBlock(string name, GraphStep[] body, GraphStep[] shortcut)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(shortcut);
        if (body.Length == 0)
        {
            throw new ArgumentException($"Residual block '{name}' has an empty body.", nameof(body));
        }

        Name = name;
        Body = (GraphStep[])body.Clone();
        Shortcut = (GraphStep[])shortcut.Clone();
    }

    /// <summary>The block's .xmap name.</summary>
    public string Name { get; }

    /// <summary>The body's layers.</summary>
    public IReadOnlyList<GraphStep> Body { get; }

    /// <summary>The shortcut's layers; empty for the identity.</summary>
    public IReadOnlyList<GraphStep> Shortcut { get; }
}
