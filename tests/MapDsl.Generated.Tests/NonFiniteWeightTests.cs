namespace MapDsl.Generated.Tests;

/// <summary>
/// Map refuses NaN exactly as it refuses infinities: one error naming the layer and the weight's index, whatever the
/// mapping does next. Before, a NaN in a pruned layer could be pruned away silently (LeNet-5's f1 under DM), while
/// an infinity was kept and failed later without the layer's name.
/// </summary>
public class NonFiniteWeightTests
{
    public static TheoryData<float> Bad => [float.NaN, float.PositiveInfinity, float.NegativeInfinity];

    [Theory]
    [MemberData(nameof(Bad))]
    public void A_pruned_crossbar_layer(float bad)
    {
        var weights = new Lab.LeNet.LeNet5.Weights();
        weights.F1[7] = bad;
        weights.F1[8] = 1f;

        Rejected(() => Lab.LeNet.DM.Map(weights), bad, "f1", 7);
        Rejected(() => Lab.LeNet.TC.Map(weights), bad, "f1", 7);
    }

    [Theory]
    [MemberData(nameof(Bad))]
    public void A_quantized_offset_layer(float bad)
    {
        var weights = new Lab.Mlp.Mlp.Weights();
        weights.Out[5] = bad;

        Rejected(() => Lab.Mlp.Q8.Map(weights), bad, "out", 5);
    }

    [Theory]
    [MemberData(nameof(Bad))]
    public void Systolic_layers_plain_and_robustly_clipped(float bad)
    {
        var systolic = new Lab.Systolic.Mlp.Weights();
        systolic.H[3] = bad;
        Rejected(() => Lab.Systolic.OnArray.Map(systolic), bad, "h", 3);

        // The robust quantizer clips at 0.2: without the check an infinity would simply be clamped.
        var small = new Test.Faults.Small.Weights();
        small.B[0] = bad;
        Rejected(() => Test.Faults.RobustPes.Map(small), bad, "b", 0);
    }

    [Fact]
    public void Re_programming_a_chip_checks_too_and_leaves_its_tiles_as_they_were()
    {
        var chip = Lab.LeNet.DM.Map(new Lab.LeNet.LeNet5.Weights());
        var before = Lab.LeNet.DM.ReadBack(chip);
        var weights = new Lab.LeNet.LeNet5.Weights();
        Array.Fill(weights.C1, 0.5f);
        weights.F3[839] = float.NaN; // the last weight of the last layer: c1 comes first and must stay unprogrammed

        Rejected(() => Lab.LeNet.DM.Map(weights, chip), float.NaN, "f3", 839);
        var after = Lab.LeNet.DM.ReadBack(chip);
        after.C1.ShouldBe(before.C1);
        after.F3.ShouldBe(before.F3);
    }

    private static void Rejected(Action map, float bad, string layer, int index)
    {
        var shown = bad.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Should.Throw<ArgumentException>(map).Message.ShouldStartWith($"Weight {index} of layer '{layer}' is {shown}: a layer can only be mapped with finite weights");
    }
}
