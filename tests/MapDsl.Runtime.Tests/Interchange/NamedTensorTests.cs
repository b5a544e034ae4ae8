using MapDsl.Runtime.Interchange;

namespace MapDsl.Runtime.Tests.Interchange;

public sealed class NamedTensorTests
{
    [Fact]
    public void A_scalar_holds_one_value_and_an_empty_shape_dimension_none()
    {
        new NamedTensor("s", [], [1f]).Data.Length.ShouldBe(1);
        new NamedTensor("e", [3, 0], []).Data.ShouldBeEmpty();
    }

    [Fact]
    public void Data_that_does_not_fit_the_shape_is_rejected()
    {
        Should.Throw<ArgumentException>(() => new NamedTensor("w", [2, 3], new float[5]))
            .Message.ShouldBe("Tensor 'w' has shape [2, 3], which needs 6 values, but its data has 5. (Parameter 'Data')");
        Should.Throw<ArgumentException>(() => new NamedTensor("s", [], []))
            .Message.ShouldStartWith("Tensor 's' has shape [], which needs 1 value, but its data has 0.");
    }

    [Fact]
    public void Negative_sizes_and_overflowing_shapes_are_rejected()
    {
        Should.Throw<ArgumentException>(() => new NamedTensor("w", [2, -1], []))
            .Message.ShouldStartWith("Tensor 'w' has shape [2, -1]; sizes cannot be negative.");
        Should.Throw<ArgumentException>(() => new NamedTensor("w", [int.MaxValue, int.MaxValue], []))
            .Message.ShouldStartWith("Tensor 'w' has shape [2147483647, 2147483647], which needs more values than an array holds, but its data has 0.");
    }

    [Fact]
    public void Deconstruction_gives_the_parts()
    {
        var (name, shape, data) = new NamedTensor("b", [2], [1f, 2f]);

        name.ShouldBe("b");
        shape.ShouldBe([2]);
        data.ShouldBe([1f, 2f]);
    }

    [Fact]
    public void With_renames_and_keeps_shape_and_data()
    {
        var tensor = new NamedTensor("weights", [2], [1f, 2f]);

        NamedTensor renamed = tensor with { Name = "c1.weight" };

        renamed.Name.ShouldBe("c1.weight");
        renamed.Shape.ShouldBeSameAs(tensor.Shape);
        renamed.Data.ShouldBeSameAs(tensor.Data);
        Should.Throw<ArgumentNullException>(() => tensor with { Name = null! });
    }
}
