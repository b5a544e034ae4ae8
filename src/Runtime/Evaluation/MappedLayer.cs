using MapDsl.Runtime.Schemes;
using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Evaluation;

/// <summary>
/// One weighted layer of a programmed chip, seen without its generated type: name, tile plan, scheme, tile spec,
/// the chip's own tiles of the layer and the w_max the layer was mapped with. Every crossbar mapping's generated
/// <c>State</c> lists its layers as <c>MappedLayers</c>, so campaign code works on any crossbar mapping without
/// reflection. Weight-stationary (systolic) mappings have no such view.
/// </summary>
/// <remarks>
/// The tiles are the state's own objects, not copies: faults injected into the state and conductances programmed
/// by <c>Map</c> are seen here at once. w_max is read through a callback for the same reason, because <c>Map</c>
/// sets it after the state (and this view) exist.
/// </remarks>
public sealed class MappedLayer
{
    private readonly CrossbarTile[] _tiles;
    private readonly Func<double> _maxWeight;

    /// <summary>Describes one layer of a programmed chip.</summary>
    /// <param name="name">Layer name as written in the .xmap file.</param>
    /// <param name="plan">How the layer's crossbar matrix is cut into tiles.</param>
    /// <param name="scheme">A crossbar scheme: two-column, differential or offset.</param>
    /// <param name="spec">Size and conductance range of every tile.</param>
    /// <param name="tiles">The layer's tiles, row-major over the plan: tile (a, b) at <c>a * TilesAlongColumns + b</c>.</param>
    /// <param name="maxWeight">Reads the w_max the layer is currently mapped with.</param>
    /// <exception cref="ArgumentException">The scheme is weight-stationary, or the tiles do not fit the plan and spec.</exception>
    public MappedLayer(string name, TilePlan plan, Scheme scheme, CrossbarSpec spec, CrossbarTile[] tiles, Func<double> maxWeight)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(tiles);
        ArgumentNullException.ThrowIfNull(maxWeight);
        if (scheme is not (Scheme.TwoColumn or Scheme.Differential or Scheme.Offset))
        {
            throw new ArgumentException($"Layer '{name}': a mapped crossbar layer needs a crossbar scheme, got {scheme}.", nameof(scheme));
        }

        if (plan.TileRows != spec.Rows || plan.TileColumns != spec.Columns || plan != TilePlan.For(scheme, plan.MatrixRows, plan.MatrixColumns, spec.Rows, spec.Columns))
        {
            throw new ArgumentException($"Layer '{name}': the plan {plan} is not the {scheme} plan of {spec.Rows} x {spec.Columns} tiles.", nameof(plan));
        }

        if (tiles.Length != plan.TileCount)
        {
            throw new ArgumentException($"Layer '{name}': the plan needs {plan.TileCount} tiles, got {tiles.Length}.", nameof(tiles));
        }

        foreach (var tile in tiles)
        {
            if (tile is null || tile.Rows != spec.Rows || tile.Columns != spec.Columns)
            {
                throw new ArgumentException($"Layer '{name}': every tile must be a {spec.Rows} x {spec.Columns} crossbar tile.", nameof(tiles));
            }
        }

        Name = name;
        Plan = plan;
        Scheme = scheme;
        Spec = spec;
        _tiles = tiles;
        _maxWeight = maxWeight;
    }

    /// <summary>Layer name as written in the .xmap file.</summary>
    public string Name { get; }

    /// <summary>How the layer's crossbar matrix is cut into tiles.</summary>
    public TilePlan Plan { get; }

    /// <summary>How a weight becomes cells.</summary>
    public Scheme Scheme { get; }

    /// <summary>Size and conductance range of every tile of the layer.</summary>
    public CrossbarSpec Spec { get; }

    /// <summary>The chip's tiles of this layer (the state's own objects), row-major over the plan.</summary>
    public IReadOnlyList<CrossbarTile> Tiles => _tiles;

    /// <summary>The w_max the layer is mapped with now (the state's value, read at each call).</summary>
    public double MaxWeight => _maxWeight();

    /// <summary>Weights of the layer, <c>MatrixRows * MatrixColumns</c>.</summary>
    public int WeightCount => checked(Plan.MatrixRows * Plan.MatrixColumns);

    /// <summary>The matrix block tile number <paramref name="tile"/> holds (tiles are numbered row-major over the plan).</summary>
    /// <param name="tile">Tile index within the layer.</param>
    public TileBlock BlockOf(int tile)
    {
        if ((uint)tile >= (uint)_tiles.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(tile), tile, $"Layer '{Name}' has tiles 0..{_tiles.Length - 1}, got {tile}.");
        }

        return Plan.Block(tile / Plan.TilesAlongColumns, tile % Plan.TilesAlongColumns);
    }

    /// <summary>The tile array itself, for the O(faults) loops of this namespace.</summary>
    internal CrossbarTile[] TileArray => _tiles;

    /// <inheritdoc/>
    public override string ToString() => $"{Name}: {Plan.MatrixRows} x {Plan.MatrixColumns} on {_tiles.Length} {Scheme} tiles";
}
