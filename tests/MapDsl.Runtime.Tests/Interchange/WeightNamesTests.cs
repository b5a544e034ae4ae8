using MapDsl.Runtime.Interchange;

namespace MapDsl.Runtime.Tests.Interchange;

public sealed class WeightNamesTests
{
    [Theory]
    [InlineData("features.0.weight", "features.0", "weight")]
    [InlineData("fc.bias", "fc", "bias")]
    [InlineData("module.encoder.layers.3.conv.weight", "module.encoder.layers.3.conv", "weight")]
    [InlineData("c1.weight", "c1", "weight")]
    public void Weights_and_biases_split_at_the_last_dot(string name, string layer, string part)
    {
        WeightNames.Split(name).ShouldBe((layer, part));
    }

    [Theory]
    [InlineData("bn1.running_mean")]
    [InlineData("bn1.num_batches_tracked")]
    [InlineData("weight")]
    [InlineData(".weight")]
    [InlineData("fc.weights")]
    [InlineData("fc.Weight")]
    [InlineData("")]
    public void Other_names_do_not_split(string name)
    {
        WeightNames.Split(name).ShouldBeNull();
    }

    [Fact]
    public void Names_are_built_back_from_the_layer()
    {
        WeightNames.WeightName("features.0").ShouldBe("features.0.weight");
        WeightNames.BiasName("fc").ShouldBe("fc.bias");
        WeightNames.Split(WeightNames.BiasName("a.b")).ShouldBe(("a.b", WeightNames.Bias));
        Should.Throw<ArgumentException>(() => WeightNames.WeightName(""));
    }
}
