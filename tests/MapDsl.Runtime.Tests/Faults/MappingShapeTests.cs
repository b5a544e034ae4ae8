using MapDsl.Runtime.Faults;

namespace MapDsl.Runtime.Tests.Faults;

public sealed class MappingShapeTests
{
    private static MappingShape Make(int bits = 8) =>
        new("M", 32, 16, false, new[] { new LayerShape("conv1", 2, 100, bits), new LayerShape("fc", 3, 500, bits) });

    [Fact]
    public void Shapes_with_equal_layers_in_different_arrays_are_equal()
    {
        var a = Make();
        var b = Make();
        a.ShouldBe(b);
        a.GetHashCode().ShouldBe(b.GetHashCode());
        a.ShouldNotBe(Make(bits: 4));
        a.ShouldNotBe(new MappingShape("M", 32, 16, true, a.Layers));
        a.ToString().ShouldContain("conv1");
    }

    [Fact]
    public void The_layer_list_is_a_copy_that_cannot_be_changed_through_the_shape()
    {
        var layers = new[] { new LayerShape("a", 1, 1, 0) };
        var shape = new MappingShape("M", 4, 4, false, layers);
        layers[0] = new LayerShape("b", 1, 1, 0);
        shape.Layers[0].Layer.ShouldBe("a");
        (shape.Layers is LayerShape[]).ShouldBeFalse();
    }

    [Fact]
    public void Invalid_shapes_are_rejected_with_the_name_of_the_problem()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new MappingShape("M", 0, 4, false, [])).Message.ShouldContain("at least 1 tile row");
        Should.Throw<ArgumentOutOfRangeException>(() => new MappingShape("M", 4, -1, false, [])).Message.ShouldContain("at least 1 tile column");
        Should.Throw<ArgumentException>(() => new MappingShape("M", 4, 4, false, [new LayerShape("a", 1, 1, 0), new LayerShape("a", 2, 2, 0)]))
            .Message.ShouldContain("lists layer 'a' twice");
        Should.Throw<ArgumentOutOfRangeException>(() => new LayerShape("a", -1, 1, 0)).Message.ShouldContain("negative tile count");
        Should.Throw<ArgumentOutOfRangeException>(() => new LayerShape("a", 1, -1, 0)).Message.ShouldContain("negative weight count");
        Should.Throw<ArgumentOutOfRangeException>(() => new LayerShape("a", 1, 1, 65)).Message.ShouldContain("0 (not quantized) to 64 bits");
        Should.Throw<ArgumentException>(() => new LayerShape("", 1, 1, 0)).Message.ShouldContain("non-empty layer name");
    }
}
