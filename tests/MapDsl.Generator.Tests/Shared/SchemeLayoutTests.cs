using MapDsl.Generator.Model;
using MapDsl.Shared;

namespace MapDsl.Generator.Tests.Shared;

/// <summary>
/// The scheme layout is written once (src/Shared) and numbered like the generator's SchemeKind and the runtime's
/// Scheme; if the three fell out of step, tiles planned at compile time would not be the tiles used at run time.
/// </summary>
public sealed class SchemeLayoutTests
{
    [Fact]
    public void The_generator_and_runtime_number_the_schemes_as_the_layout_does()
    {
        Enum.GetNames<SchemeKind>().ShouldBe(Enum.GetNames<MapDsl.Runtime.Schemes.Scheme>());
        foreach (var kind in Enum.GetValues<SchemeKind>())
        {
            ((int)Enum.Parse<MapDsl.Runtime.Schemes.Scheme>(kind.ToString())).ShouldBe((int)kind);
        }

        ((int)SchemeKind.TwoColumn).ShouldBe(SchemeLayout.TwoColumn);
        ((int)SchemeKind.Differential).ShouldBe(SchemeLayout.Differential);
        ((int)SchemeKind.Offset).ShouldBe(SchemeLayout.Offset);
        ((int)SchemeKind.WeightStationary).ShouldBe(SchemeLayout.WeightStationary);
    }

    [Theory]
    [InlineData(0, 128, 2, 64)]
    [InlineData(1, 33, 2, 16)]
    [InlineData(2, 64, 1, 63)]
    [InlineData(3, 16, 1, 16)]
    public void Generator_plans_equal_runtime_plans(int schemeNumber, int tileColumns, int cells, int weights)
    {
        var scheme = (SchemeKind)schemeNumber;
        MapDsl.Generator.Binding.TilePlanner.CellsPerWeight(scheme).ShouldBe(cells);
        MapDsl.Generator.Binding.TilePlanner.WeightsPerTileRow(scheme, tileColumns).ShouldBe(weights);
        var runtime = MapDsl.Runtime.Tiles.TilePlan.For((MapDsl.Runtime.Schemes.Scheme)(int)scheme, 300, 70, 128, tileColumns);
        runtime.CellsPerWeight.ShouldBe(cells);
        runtime.WeightsPerTileRow.ShouldBe(weights);
    }

    [Theory]
    [InlineData(0, 128)]
    [InlineData(1, 33)]
    [InlineData(2, 64)]
    [InlineData(3, 16)]
    public void Every_weight_column_comes_back_from_each_of_its_cells_and_nothing_else_does(int scheme, int tileColumns)
    {
        var weights = SchemeLayout.WeightsPerTileRow(scheme, tileColumns);
        var owner = new int[tileColumns];
        Array.Fill(owner, -2);
        for (var j = 0; j < weights; j++)
        {
            for (var c = 0; c < SchemeLayout.CellsPerWeight(scheme); c++)
            {
                var column = SchemeLayout.CellColumn(scheme, j) + c;
                owner[column].ShouldBe(-2, $"cell column {column} holds two weights");
                owner[column] = j;
                SchemeLayout.BlockColumnOf(scheme, column, tileColumns).ShouldBe(j);
                if (SchemeLayout.IsPair(scheme))
                {
                    SchemeLayout.IsMinusCell(column).ShouldBe(c == 1);
                }
            }
        }

        var reference = SchemeLayout.ReferenceColumn(scheme, tileColumns);
        if (reference >= 0)
        {
            owner[reference].ShouldBe(-2);
            SchemeLayout.BlockColumnOf(scheme, reference, tileColumns).ShouldBe(-1);
        }

        // Idle cells (an odd last column of a pair scheme) read back as no weight of the block.
        for (var column = 0; column < tileColumns; column++)
        {
            if (owner[column] == -2 && column != reference)
            {
                SchemeLayout.BlockColumnOf(scheme, column, tileColumns).ShouldBeGreaterThanOrEqualTo(weights);
            }
        }
    }
}
