using MapDsl.Runtime.Faults;
using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Evaluation;

/// <summary>
/// The weights a chip's bypassed PEs change, for a weight-stationary layer, without programming or reading back a chip:
/// weight (r, c) of the layer's crossbar matrix sits on PE (r mod R, c mod C) of the R x C array in whichever tile holds
/// it, so a bypassed PE zeroes one weight of every tile, the same mask repeated over the layer. The cost is the number
/// of changed weights plus one pass over the matrix columns.
/// </summary>
public static class BypassedWeights
{
    /// <summary>
    /// Lists every weight of the layer that a bypassed PE turns from its clean value into 0, in ascending index order
    /// (PyTorch layout: matrix element (r, c) at c * MatrixRows + r), exactly as a read-back of the faulty chip
    /// differs from the clean one: a weight that is already +0 is not listed, a -0 is (its bits change).
    /// </summary>
    /// <param name="plan">The layer's weight-stationary tile plan (tiles of the array's R x C PEs).</param>
    /// <param name="bypassed">The chip's bypassed PEs (a fault map's <see cref="FaultMap.BypassedPes"/>).</param>
    /// <param name="clean">The weights the fault-free chip computes with for this layer.</param>
    /// <param name="changes">Receives the changed weights; cleared first.</param>
    /// <exception cref="ArgumentException">The plan is not one weight per PE, a PE lies outside the array, or the weights do not fit the plan.</exception>
    public static void Collect(TilePlan plan, IReadOnlyList<PeAt> bypassed, ReadOnlySpan<float> clean, WeightChanges changes)
    {
        ArgumentNullException.ThrowIfNull(bypassed);
        ArgumentNullException.ThrowIfNull(changes);
        if (plan.CellsPerWeight != 1 || plan.WeightsPerTileRow != plan.TileColumns)
        {
            throw new ArgumentException($"The plan {plan} does not put one weight on each PE of a weight-stationary array.", nameof(plan));
        }

        if (clean.Length != (long)plan.MatrixRows * plan.MatrixColumns)
        {
            throw new ArgumentException($"The layer has {(long)plan.MatrixRows * plan.MatrixColumns} weights, got {clean.Length}.", nameof(clean));
        }

        changes.Clear();
        int rows = plan.TileRows, columns = plan.TileColumns;

        // The bypassed PE rows of each PE column, ascending, so that the weights come out in index order.
        var rowsOfColumn = new List<int>[columns];
        foreach (PeAt pe in bypassed)
        {
            if ((uint)pe.Row >= (uint)rows || (uint)pe.Column >= (uint)columns)
            {
                throw new ArgumentException($"PE ({pe.Row}, {pe.Column}) lies outside the {rows} x {columns} array.", nameof(bypassed));
            }

            (rowsOfColumn[pe.Column] ??= []).Add(pe.Row);
        }

        foreach (List<int>? list in rowsOfColumn)
        {
            list?.Sort();
        }

        for (int c = 0; c < plan.MatrixColumns; c++)
        {
            if (rowsOfColumn[c % columns] is not { } peRows)
            {
                continue;
            }

            int column = c * plan.MatrixRows;
            for (int blockStart = 0; blockStart < plan.MatrixRows; blockStart += rows)
            {
                foreach (int i in peRows)
                {
                    int r = blockStart + i;
                    if (r >= plan.MatrixRows)
                    {
                        break;
                    }

                    // Bitwise, as a read-back diff compares: a -0 weight turned into +0 is a change too.
                    if (BitConverter.SingleToInt32Bits(clean[column + r]) != 0)
                    {
                        changes.Add(column + r, 0f);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Which weights of a layer sit on bypassed PEs, whatever their value: the mask fault-aware training holds (those
    /// weights read 0 on the chip, so training must keep them 0 and leave them alone). O(weights).
    /// </summary>
    /// <param name="plan">The layer's weight-stationary plan.</param>
    /// <param name="bypassed">The chip's bypassed PEs.</param>
    /// <returns>One flag per weight, in the layer's weight order: true where the weight's PE is bypassed.</returns>
    /// <exception cref="ArgumentException">The plan is not weight-stationary, or a PE lies outside the array.</exception>
    public static bool[] Mask(TilePlan plan, IReadOnlyList<PeAt> bypassed)
    {
        ArgumentNullException.ThrowIfNull(bypassed);
        if (plan.CellsPerWeight != 1 || plan.WeightsPerTileRow != plan.TileColumns)
        {
            throw new ArgumentException($"The plan {plan} does not put one weight on each PE of a weight-stationary array.", nameof(plan));
        }

        var onBypassed = new bool[plan.TileRows, plan.TileColumns];
        foreach (PeAt pe in bypassed)
        {
            if ((uint)pe.Row >= (uint)plan.TileRows || (uint)pe.Column >= (uint)plan.TileColumns)
            {
                throw new ArgumentException($"PE ({pe.Row}, {pe.Column}) lies outside the {plan.TileRows} x {plan.TileColumns} array.", nameof(bypassed));
            }

            onBypassed[pe.Row, pe.Column] = true;
        }

        // Weight index c * MatrixRows + r sits on PE (r mod rows, c mod columns), as in Collect.
        var mask = new bool[checked(plan.MatrixRows * plan.MatrixColumns)];
        for (int c = 0; c < plan.MatrixColumns; c++)
        {
            for (int r = 0; r < plan.MatrixRows; r++)
            {
                mask[(c * plan.MatrixRows) + r] = onBypassed[r % plan.TileRows, c % plan.TileColumns];
            }
        }

        return mask;
    }
}
