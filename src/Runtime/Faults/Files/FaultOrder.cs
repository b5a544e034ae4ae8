namespace MapDsl.Runtime.Faults.Files;

/// <summary>
/// The order faults are kept in, the one <see cref="FaultMap"/> documents: cells by (tile, row, column), flips by
/// (weight, bit), PEs by (row, column). The writer uses it so a file does not depend on how a map was built; the
/// reader uses it so a hand-written file in any order loads as a well-formed map.
/// </summary>
internal static class FaultOrder
{
    public static IEnumerable<CellFaultAt> Cells(IEnumerable<CellFaultAt> cells) =>
        cells.OrderBy(cell => cell.Tile).ThenBy(cell => cell.Row).ThenBy(cell => cell.Column);

    public static IEnumerable<BitFlipAt> BitFlips(IEnumerable<BitFlipAt> flips) =>
        flips.OrderBy(flip => flip.Weight).ThenBy(flip => flip.Bit);

    public static IEnumerable<PeAt> Pes(IEnumerable<PeAt> pes) =>
        pes.OrderBy(pe => pe.Row).ThenBy(pe => pe.Column);
}
