namespace MapDsl.Runtime.Tiles;

/// <summary>
/// One physical crossbar: the conductance every cell reads, plus the cells that are stuck. Faults belong to the
/// chip, not to a programming pass, so they survive every <see cref="Write"/>, <see cref="Fill"/> and scheme kernel.
/// They are kept sparse and re-imposed in O(faults) because real fault rates are small and tiles are large.
/// A new tile reads G_off everywhere.
/// </summary>
public sealed class CrossbarTile
{
    // Row-major cell index -> fault. Sorted so enumeration is deterministic and re-imposing needs no allocation.
    private readonly SortedList<int, CellFault> _faults = [];

    /// <summary>Creates a fault-free tile of the given size whose cells all read G_off.</summary>
    /// <param name="spec">Tile size and conductance range.</param>
    public CrossbarTile(CrossbarSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Spec = spec;
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
    public int FaultCount => _faults.Count;

    /// <summary>Stuck cells in row-major order.</summary>
    public IEnumerable<(int Row, int Column, CellFault Fault)> Faults
    {
        get
        {
            // Snapshot, so callers may change faults while enumerating.
            var snapshot = new (int Row, int Column, CellFault Fault)[_faults.Count];
            for (int i = 0; i < snapshot.Length; i++)
            {
                int cell = _faults.GetKeyAtIndex(i);
                snapshot[i] = (cell / Columns, cell % Columns, _faults.GetValueAtIndex(i));
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
        if (!_faults.ContainsKey(cell))
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
        TileBounds.Check(row, col, Rows, Columns, "crossbar tile");
        int cell = row * Columns + col;
        switch (fault)
        {
            case CellFault.None:
                _faults.Remove(cell);
                break;
            case CellFault.StuckOn:
            case CellFault.StuckOff:
                _faults[cell] = fault;
                Conductance[cell] = StuckReading(fault);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(fault), fault, $"Unknown cell fault {(byte)fault}.");
        }
    }

    /// <summary>The fault of cell (<paramref name="row"/>, <paramref name="col"/>), <see cref="CellFault.None"/> if healthy.</summary>
    /// <param name="row">Cell row.</param>
    /// <param name="col">Cell column.</param>
    public CellFault FaultAt(int row, int col)
    {
        TileBounds.Check(row, col, Rows, Columns, "crossbar tile");
        return _faults.GetValueOrDefault(row * Columns + col, CellFault.None);
    }

    /// <summary>Removes every fault; cells keep their current readings until programmed again.</summary>
    public void ClearFaults() => _faults.Clear();

    /// <summary>
    /// Forces every stuck cell back to its stuck reading, in O(faults). Call after writing
    /// <see cref="Conductance"/> directly.
    /// </summary>
    public void ReapplyFaults()
    {
        double[] cells = Conductance;
        for (int i = 0; i < _faults.Count; i++)
        {
            cells[_faults.GetKeyAtIndex(i)] = StuckReading(_faults.GetValueAtIndex(i));
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

    private double StuckReading(CellFault fault) => fault == CellFault.StuckOn ? Spec.GOn : Spec.GOff;
}
