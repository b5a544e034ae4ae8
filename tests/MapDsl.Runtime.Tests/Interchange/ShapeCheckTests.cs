using MapDsl.Runtime.Interchange;

namespace MapDsl.Runtime.Tests.Interchange;

public sealed class ShapeCheckTests
{
    [Fact]
    public void Equal_shapes_pass()
    {
        ShapeCheck.Require("c1", "weight", [6, 1, 5, 5], [6, 1, 5, 5]);
        ShapeCheck.Require("s", "bias", [], []);
    }

    [Fact]
    public void A_mismatch_names_the_layer_the_part_and_both_shapes()
    {
        Should.Throw<ArgumentException>(() => ShapeCheck.Require("c1", "weight", [6, 1, 5, 5], [6, 3, 5, 5]))
            .Message.ShouldBe("layer 'c1' weight: expected shape [6, 1, 5, 5], file has [6, 3, 5, 5]");
        Should.Throw<ArgumentException>(() => ShapeCheck.Require("fc", "bias", [10], [10, 1]))
            .Message.ShouldBe("layer 'fc' bias: expected shape [10], file has [10, 1]");
        Should.Throw<ArgumentException>(() => ShapeCheck.Require("fc", "bias", [1], []))
            .Message.ShouldBe("layer 'fc' bias: expected shape [1], file has []");
    }
}
