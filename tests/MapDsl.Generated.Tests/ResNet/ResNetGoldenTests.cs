using Lab.ResNet;
using MapDsl.Runtime.Contract;
using MapDsl.Runtime.Data;
using MapDsl.Runtime.Engine.Graph;
using MapDsl.Runtime.Interchange;
using Test.ResNetReference;
using Xunit.Abstractions;

namespace MapDsl.Generated.Tests.ResNet;

/// <summary>
/// ResNet-8 (examples/xmap/resnet8.xmap) against PyTorch: tools/resnet-golden trained the same network in PyTorch, exported
/// its weights and computed, in float64, the logits of the first 32 shipped test images and one training step's
/// gradients. Our forward and backward passes must reproduce them, so both are checked against code nobody here wrote.
/// </summary>
public sealed class ResNetGoldenTests(ITestOutputHelper output)
{
    private const int Images = 32;

    private static string Golden(string file) => Path.Combine(AppContext.BaseDirectory, "Golden", file);

    [Fact]
    public void Logits_of_the_PyTorch_weights_match_PyTorch_to_1e_4_relative()
    {
        var weights = ResNet8.Weights.LoadSafetensors(Golden("resnet8-torch.safetensors"));
        var images = Datasets.FashionTest().Take(Images);
        var expected = Npy.Read(Golden("resnet8-golden-logits.npy"));
        expected.Shape.ShouldBe([Images, 10]);

        var logits = new ResNet8.Model(Images).Forward(images.Pixels, Images, weights).ToArray();

        output.WriteLine($"largest |ours - PyTorch| / max |logit| of an image: {LargestError(logits, expected.Data):E2}");
        ShouldMatchPerImage(logits, expected.Data, 1e-4, "inference logits");
    }

    [Fact]
    public void Folding_the_batch_norms_keeps_the_logits_to_float_rounding()
    {
        var weights = ResNet8.Weights.LoadSafetensors(Golden("resnet8-torch.safetensors"));
        var images = Datasets.FashionTest().Take(Images);
        var model = new ResNet8.Model(Images);
        var unfolded = model.Forward(images.Pixels, Images, weights).ToArray();

        var folded = BatchNormFolding.Folded(weights);

        folded.ShouldNotBeSameAs(weights);
        ((INetworkWeights)folded).Norms.ShouldAllBe(norm => norm.IsFolded);
        ((INetworkWeights)weights).Norms.ShouldAllBe(norm => !norm.IsFolded);
        folded.WeightsOf("r2.a").ShouldNotBe(weights.WeightsOf("r2.a"));
        ShouldMatchPerImage(model.Forward(images.Pixels, Images, folded).ToArray(), unfolded, 2e-6, "folded logits");
    }

    [Fact]
    public void A_training_step_gives_PyTorchs_loss_gradients_and_running_statistics()
    {
        var path = Golden("resnet8-train-step.safetensors");
        var reference = SafeTensors.Read(path).ToDictionary(t => t.Name);
        var loss = double.Parse(SafeTensors.ReadMetadata(path)["loss"], System.Globalization.CultureInfo.InvariantCulture);
        var weights = ResNet8NoDropout.Weights.LoadSafetensors(Golden("resnet8-torch.safetensors"));
        var batch = Datasets.FashionTrain().Take(16);
        var gradients = new ResNet8NoDropout.Weights();

        var actualLoss = new ResNet8NoDropout.Model(16).Loss(batch.Pixels, batch.Labels, 16, weights, gradients);

        actualLoss.ShouldBe(loss, 1e-5 * Math.Max(1, Math.Abs(loss)));
        foreach (var layer in ResNet8NoDropout.WeightedLayerNames)
        {
            var weightGradient = reference[$"{layer}.weight.grad"].Data;
            ShouldMatch(gradients.WeightsOf(layer), weightGradient, 1e-4, $"{layer}.weight.grad");
            // A conv bias before a training-mode batch norm has gradient 0 exactly (the batch mean removes it), so
            // both sides are rounding noise: bound it by the scale of the layer's weight gradient instead.
            ShouldMatch(gradients.BiasOf(layer), reference[$"{layer}.bias.grad"].Data, 1e-4, $"{layer}.bias.grad", floor: MaxAbs(weightGradient));
        }

        INetworkWeights trained = weights, gradient = gradients;
        for (var i = 0; i < gradient.Norms.Count; i++)
        {
            var name = gradient.Norms[i].Name;
            ShouldMatch(gradient.Norms[i].Gamma, reference[$"{name}.weight.grad"].Data, 1e-4, $"{name}.weight.grad");
            ShouldMatch(gradient.Norms[i].Beta, reference[$"{name}.bias.grad"].Data, 1e-4, $"{name}.bias.grad");
            ShouldMatch(trained.Norms[i].RunningMean, reference[$"{name}.running_mean.after"].Data, 1e-4, $"{name}.running_mean");
            ShouldMatch(trained.Norms[i].RunningVar, reference[$"{name}.running_var.after"].Data, 1e-4, $"{name}.running_var");
        }
    }

    // Every logit within tolerance · the image's largest |logit|: relative to the scale of the scores that decide.
    private static void ShouldMatchPerImage(float[] actual, float[] expected, double tolerance, string what)
    {
        actual.Length.ShouldBe(expected.Length);
        for (var image = 0; image < actual.Length / 10; image++)
        {
            ShouldMatch(actual.AsSpan(image * 10, 10), expected.AsSpan(image * 10, 10), tolerance, $"{what} of image {image}");
        }
    }

    private static double LargestError(float[] actual, float[] expected)
    {
        var largest = 0.0;
        for (var image = 0; image < actual.Length / 10; image++)
        {
            var scale = MaxAbs(expected.AsSpan(image * 10, 10));
            for (var j = image * 10; j < (image + 1) * 10; j++)
            {
                largest = Math.Max(largest, Math.Abs(actual[j] - expected[j]) / scale);
            }
        }

        return largest;
    }

    private static double MaxAbs(ReadOnlySpan<float> values)
    {
        var max = 0.0;
        foreach (var value in values)
        {
            max = Math.Max(max, Math.Abs(value));
        }

        return max;
    }

    // |a − b| ≤ tolerance · max(max |b| over the tensor, floor).
    private static void ShouldMatch(ReadOnlySpan<float> actual, ReadOnlySpan<float> expected, double tolerance, string what, double floor = 1e-3)
    {
        actual.Length.ShouldBe(expected.Length, what);
        var scale = Math.Max(floor, MaxAbs(expected));

        for (var i = 0; i < actual.Length; i++)
        {
            ((double)Math.Abs(actual[i] - expected[i])).ShouldBeLessThanOrEqualTo(tolerance * scale, $"{what}[{i}]: {actual[i]} vs {expected[i]}");
        }
    }
}
