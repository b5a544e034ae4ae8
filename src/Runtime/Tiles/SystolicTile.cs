namespace MapDsl.Runtime.Tiles;

/// <summary>
/// One pass of a layer through a weight-stationary systolic array: the weight held by each PE. Weights are stored
/// as given (no conductances); the shared <see cref="PeFaults"/> decides which of them reach the output.
/// </summary>
public sealed class SystolicTile
{
    /// <summary>Creates a tile whose PEs all hold 0.</summary>
    /// <param name="spec">Size of the array.</param>
    /// <param name="peFaults">The chip's PE fault map; must describe an array of the same size.</param>
    public SystolicTile(SystolicSpec spec, PeFaultMap peFaults)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(peFaults);
        if (peFaults.Spec != spec)
        {
            throw new ArgumentException(
                $"The PE fault map is for a {peFaults.Spec.Rows}x{peFaults.Spec.Columns} array but the tile is {spec.Rows}x{spec.Columns}.",
                nameof(peFaults));
        }

        Spec = spec;
        PeFaults = peFaults;
        Weights = new float[spec.PeCount];
    }

    /// <summary>Size of the array.</summary>
    public SystolicSpec Spec { get; }

    /// <summary>PE rows.</summary>
    public int Rows => Spec.Rows;

    /// <summary>PE columns.</summary>
    public int Columns => Spec.Columns;

    /// <summary>The weight stored on each PE, row-major (<c>row * Columns + col</c>), bypassed PEs included.</summary>
    public float[] Weights { get; }

    /// <summary>The chip's PE fault map, shared with every other tile of the mapping state.</summary>
    public PeFaultMap PeFaults { get; }
}
