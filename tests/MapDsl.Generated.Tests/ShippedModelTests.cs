using MapDsl.Runtime.Data;
using MapDsl.Runtime.Interchange;

namespace MapDsl.Generated.Tests;

/// <summary>
/// The trained weights that ship in models/ (made by examples/Train, settings in their metadata) load into the
/// generated containers and classify the shipped test slice as well as stated; save-then-load is bit-exact.
/// </summary>
public class ShippedModelTests
{
    [Theory]
    [InlineData("lenet5", 0.84)]
    [InlineData("mlp", 0.78)]
    public void Shipped_weights_reach_their_stated_accuracy_on_the_test_slice(string network, double atLeast)
    {
        var tensors = SafeTensors.Read(ModelPath(network)).ToDictionary(t => t.Name, t => t.Data);
        var test = Datasets.FashionTest();

        var correct = network == "lenet5"
            ? Count(test, Load<Lab.LeNet.LeNet5.Weights>(new Lab.LeNet.LeNet5.Weights(), Lab.LeNet.LeNet5.WeightedLayerNames, tensors), (w, p, l, n) => new Lab.LeNet.LeNet5.Model(250).CountCorrect(p, l, n, w))
            : Count(test, Load<Lab.Mlp.Mlp.Weights>(new Lab.Mlp.Mlp.Weights(), Lab.Mlp.Mlp.WeightedLayerNames, tensors), (w, p, l, n) => new Lab.Mlp.Mlp.Model(250).CountCorrect(p, l, n, w));

        ((double)correct / test.Count).ShouldBeGreaterThanOrEqualTo(atLeast);
        SafeTensors.ReadMetadata(ModelPath(network))["command"].ShouldContain($"--network {network}");
    }

    [Fact]
    public void Saved_then_loaded_weights_give_bit_identical_outputs()
    {
        var weights = ExampleNetworks.LeNet5(77);
        var path = Path.Combine(Path.GetTempPath(), $"mapdsl-{Guid.NewGuid():N}.safetensors");
        try
        {
            SafeTensors.Write(path, Lab.LeNet.LeNet5.WeightedLayerNames.SelectMany(l => new[]
            {
                new NamedTensor(WeightNames.WeightName(l), [weights.WeightsOf(l).Length], weights.WeightsOf(l)),
                new NamedTensor(WeightNames.BiasName(l), [weights.BiasOf(l).Length], weights.BiasOf(l)),
            }));
            var loaded = Load(new Lab.LeNet.LeNet5.Weights(), Lab.LeNet.LeNet5.WeightedLayerNames, SafeTensors.Read(path).ToDictionary(t => t.Name, t => t.Data));
            var images = Datasets.FashionTest().Take(8);

            var before = new Lab.LeNet.LeNet5.Model(8).Forward(images.Pixels, 8, weights).ToArray();
            var after = new Lab.LeNet.LeNet5.Model(8).Forward(images.Pixels, 8, loaded).ToArray();

            after.ShouldBe(before);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static T Load<T>(T weights, IReadOnlyList<string> layers, Dictionary<string, float[]> tensors)
        where T : class
    {
        dynamic target = weights;
        foreach (var layer in layers)
        {
            ((float[])tensors[WeightNames.WeightName(layer)]).CopyTo((float[])target.WeightsOf(layer), 0);
            ((float[])tensors[WeightNames.BiasName(layer)]).CopyTo((float[])target.BiasOf(layer), 0);
        }

        return weights;
    }

    private static int Count<T>(ImageSet test, T weights, Func<T, float[], byte[], int, int> countCorrect)
    {
        var correct = 0;
        for (var start = 0; start < test.Count; start += 250)
        {
            var part = test.Slice(start, 250);
            correct += countCorrect(weights, part.Pixels, part.Labels, 250);
        }

        return correct;
    }

    private static string ModelPath(string network)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MapDsl.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new DirectoryNotFoundException("MapDsl.sln not found above the test binaries"), "models", $"{network}.safetensors");
    }
}
