using System.Runtime.InteropServices;

namespace MapDsl.Runtime.Tiles;

/// <summary>
/// One physical crossbar: the conductance every cell reads, plus the cells that are stuck. Faults belong to the
/// chip, not to a programming pass, so they survive every <see cref="Write"/>, <see cref="Fill"/> and scheme kernel.
/// They are kept sparse and re-imposed in O(faults) because real fault rates are small and tiles are large.
/// A new tile reads G_off everywhere.
/// </summary>
public sealed class CrossbarTile
{
    // A fault campaign sets and clears thousands of faults per tile and chip, so every operation here is
    // O(1) per fault: a per-cell mask (allocated with the first fault) answers "is this cell stuck", and a
    // list of the stuck cells lets re-imposing and clearing cost O(faults), never O(cells).
    private readonly List<int> _faultyCells = [];
    private CellFault[]? _mask;

    // Copies of the spec's values: the per-fault paths read them without going through the spec.
    private readonly int _rows;
    private readonly int _columns;
    private readonly double _gOn;
    private readonly double _gOff;

    /// <summary>Creates a fault-free tile of the given size whose cells all read G_off.</summary>
    /// <param name="spec">Tile size and conductance range.</param>
    public CrossbarTile(CrossbarSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Spec = spec;
        _rows = spec.Rows;
        _columns = spec.Columns;
        _gOn = spec.GOn;
        _gOff = spec.GOff;
        Conductance = new double[spec.CellCount];
        Array.Fill(Conductance, spec.GOff);
    }

    /// <summary>Size and conductance range of this tile.</summary>
    public CrossbarSpec Spec { get; }

    /// <summary>Cell rows (word lines).</summary>
    public int Rows => Spec.Rows;

    /// <summary>Cell columns (bit lines).</summary>
    public int Columns => Spec.Columns;

    /// <summary>
    /// What each cell reads, row-major (<c>row * Columns + col</c>). Exposed as an array so scheme kernels can program
    /// a whole tile in one tight loop; whoever writes it directly must call <see cref="ReapplyFaults"/> afterwards.
    /// </summary>
    public double[] Conductance { get; }

    /// <summary>Number of stuck cells.</summary>
    public int FaultCount => _faultyCells.Count;

    /// <summary>Stuck cells in row-major order.</summary>
    public IEnumerable<(int Row, int Column, CellFault Fault)> Faults
    {
        get
        {
            // A sorted snapshot: row-major order whatever order faults were set in, and callers may change
            // faults while enumerating.
            var cells = _faultyCells.ToArray();
            Array.Sort(cells);
            var snapshot = new (int Row, int Column, CellFault Fault)[cells.Length];
            for (int i = 0; i < snapshot.Length; i++)
            {
                snapshot[i] = (cells[i] / Columns, cells[i] % Columns, _mask![cells[i]]);
            }

            return snapshot;
        }
    }

    /// <summary>The conductance cell (<paramref name="row"/>, <paramref name="col"/>) reads.</summary>
    /// <param name="row">Cell row.</param>
    /// <param name="col">Cell column.</param>
    public double Read(int row, int col)
    {
        TileBounds.Check(row, col, Rows, Columns, "crossbar tile");
        return Conductance[row * Columns + col];
    }

    /// <summary>
    /// Programs one cell to exactly <paramref name="g"/> (no quantization, so device-variation models can write
    /// off-grid values). A stuck cell ignores the write.
    /// </summary>
    /// <param name="row">Cell row.</param>
    /// <param name="col">Cell column.</param>
    /// <param name="g">Conductance to program; must be finite.</param>
    public void Write(int row, int col, double g)
    {
        TileBounds.Check(row, col, Rows, Columns, "crossbar tile");
        if (!double.IsFinite(g))
        {
            throw new ArgumentOutOfRangeException(nameof(g), g, "A cell cannot be programmed to a non-finite conductance.");
        }

        int cell = row * Columns + col;
        if (_mask is null || _mask[cell] == CellFault.None)
        {
            Conductance[cell] = g;
        }
    }

    /// <summary>
    /// Makes a cell stuck (it reads G_on or G_off at once and from then on) or, with <see cref="CellFault.None"/>,
    /// healthy again. A cleared cell keeps reading its stuck value until it is next programmed.
    /// </summary>
    /// <param name="row">Cell row.</param>
    /// <param name="col">Cell column.</param>
    /// <param name="fault">The cell's new state.</param>
    public void SetFault(int row, int col, CellFault fault)
    {
        TileBounds.Check(row, col, _rows, _columns, "crossbar tile");
        int cell = (row * _columns) + col;

        // Stuck first: it is what a campaign's Inject calls once per faulty cell.
        if (fault is CellFault.StuckOn or CellFault.StuckOff)
        {
            var mask = _mask ??= new CellFault[Conductance.Length];
            if (mask[cell] == CellFault.None)
            {
                _faultyCells.Add(cell);
            }

            mask[cell] = fault;
            Conductance[cell] = StuckReading(fault);
            return;
        }

        if (fault != CellFault.None)
        {
            throw new ArgumentOutOfRangeException(nameof(fault), fault, $"Unknown cell fault {(byte)fault}.");
        }

        if (_mask is not null && _mask[cell] != CellFault.None)
        {
            _mask[cell] = CellFault.None;
            _faultyCells.Remove(cell);
        }
    }

    /// <summary>The fault of cell (<paramref name="row"/>, <paramref name="col"/>), <see cref="CellFault.None"/> if healthy.</summary>
    /// <param name="row">Cell row.</param>
    /// <param name="col">Cell column.</param>
    public CellFault FaultAt(int row, int col)
    {
        TileBounds.Check(row, col, Rows, Columns, "crossbar tile");
        return _mask is null ? CellFault.None : _mask[row * Columns + col];
    }

    /// <summary>Removes every fault; cells keep their current readings until programmed again.</summary>
    public void ClearFaults()
    {
        foreach (var cell in _faultyCells)
        {
            _mask![cell] = CellFault.None;
        }

        _faultyCells.Clear();
    }

    /// <summary>
    /// Removes every fault and puts each formerly stuck cell back to its value in <paramref name="healthy"/>, in
    /// O(faults): after it the tile reads exactly <paramref name="healthy"/> again if that is what it read before the
    /// faults were set. A fault campaign keeps one snapshot of the programmed tile and calls this between chips
    /// instead of re-programming every cell (and instead of one <see cref="SetFault"/> per cell, whose removal from
    /// the fault list costs O(faults) each).
    /// </summary>
    /// <param name="healthy">What every cell reads without faults, row-major like <see cref="Conductance"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="healthy"/> is not one value per cell.</exception>
    public void ClearFaults(ReadOnlySpan<double> healthy)
    {
        if (healthy.Length != Conductance.Length)
        {
            throw new ArgumentException($"Expected one conductance per cell ({Conductance.Length}), got {healthy.Length}.", nameof(healthy));
        }

        // Spans rather than the list's enumerator: this runs once per stuck cell of every chip of a campaign.
        var cells = Conductance.AsSpan();
        var mask = _mask.AsSpan();
        foreach (int cell in CollectionsMarshal.AsSpan(_faultyCells))
        {
            mask[cell] = CellFault.None;
            cells[cell] = healthy[cell];
        }

        _faultyCells.Clear();
    }

    /// <summary>
    /// Forces every stuck cell back to its stuck reading, in O(faults). Call after writing
    /// <see cref="Conductance"/> directly.
    /// </summary>
    public void ReapplyFaults()
    {
        double[] cells = Conductance;
        foreach (var cell in _faultyCells)
        {
            cells[cell] = StuckReading(_mask![cell]);
        }
    }

    /// <summary>Programs every healthy cell to <paramref name="g"/> (stuck cells keep their reading).</summary>
    /// <param name="g">Conductance to program; must be finite.</param>
    public void Fill(double g)
    {
        if (!double.IsFinite(g))
        {
            throw new ArgumentOutOfRangeException(nameof(g), g, "A cell cannot be programmed to a non-finite conductance.");
        }

        Array.Fill(Conductance, g);
        ReapplyFaults();
    }

    private double StuckReading(CellFault fault) => fault == CellFault.StuckOn ? _gOn : _gOff;
}
