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
    [InlineData("resnet8", 0.90)]
    public void Shipped_weights_reach_their_stated_accuracy_on_the_test_slice(string network, double atLeast)
    {
        var test = Datasets.FashionTest();

        var correct = network switch
        {
            "lenet5" => Count(test, Lab.LeNet.LeNet5.Weights.LoadSafetensors(ModelPath(network)), (w, p, l, n) => new Lab.LeNet.LeNet5.Model(250).CountCorrect(p, l, n, w)),
            "mlp" => Count(test, Lab.Mlp.Mlp.Weights.LoadSafetensors(ModelPath(network)), (w, p, l, n) => new Lab.Mlp.Mlp.Model(250).CountCorrect(p, l, n, w)),
            _ => Count(test, Lab.ResNet.ResNet8.Weights.LoadSafetensors(ModelPath(network)), (w, p, l, n) => new Lab.ResNet.ResNet8.Model(250).CountCorrect(p, l, n, w)),
        };

        ((double)correct / test.Count).ShouldBeGreaterThanOrEqualTo(atLeast);
        SafeTensors.ReadMetadata(ModelPath(network))["command"].ShouldContain($"--network {network}");
    }

    [Fact]
    public void The_generated_loader_reads_the_shipped_file_and_names_a_wrong_shape()
    {
        var loaded = Lab.LeNet.LeNet5.Weights.LoadSafetensors(ModelPath("lenet5"));
        loaded.C1.ShouldBe(SafeTensors.Read(ModelPath("lenet5")).Single(t => t.Name == "c1.weight").Data);

        // The MLP file holds `hidden` and `out`: as a systolic Mlp (`h`, `out` of 128) it must be refused by name.
        var error = Should.Throw<ArgumentException>(() => Lab.Systolic.Mlp.Weights.LoadSafetensors(ModelPath("mlp")));
        error.Message.ShouldContain("has no tensor 'h.weight' for layer 'h'");
        var path = Path.Combine(Path.GetTempPath(), $"mapdsl-{Guid.NewGuid():N}.safetensors");
        try
        {
            SafeTensors.Write(path, [new NamedTensor("h.weight", [128, 785], new float[128 * 785]), new NamedTensor("h.bias", [128], new float[128])]);
            Should.Throw<ArgumentException>(() => Lab.Systolic.Mlp.Weights.LoadSafetensors(path)).Message
                .ShouldBe("layer 'h' weight: expected shape [128, 784], file has [128, 785]");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Saved_then_loaded_weights_give_bit_identical_outputs()
    {
        var weights = ExampleNetworks.LeNet5(77);
        var path = Path.Combine(Path.GetTempPath(), $"mapdsl-{Guid.NewGuid():N}.safetensors");
        try
        {
            weights.SaveSafetensors(path);
            var loaded = Lab.LeNet.LeNet5.Weights.LoadSafetensors(path);
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

    [Fact]
    public void The_shipped_ResNet_saved_then_loaded_gives_bit_identical_weights_norms_and_outputs()
    {
        var weights = Lab.ResNet.ResNet8.Weights.LoadSafetensors(ModelPath("resnet8"));
        var path = Path.Combine(Path.GetTempPath(), $"mapdsl-{Guid.NewGuid():N}.safetensors");
        try
        {
            weights.SaveSafetensors(path);
            var loaded = Lab.ResNet.ResNet8.Weights.LoadSafetensors(path);
            var images = Datasets.FashionTest().Take(8);

            var saved = SafeTensors.Read(path).ToDictionary(t => t.Name, t => t.Data);
            var shipped = SafeTensors.Read(ModelPath("resnet8")).ToDictionary(t => t.Name, t => t.Data);
            saved.Keys.Order().ShouldBe(shipped.Keys.Order());
            foreach (var (name, data) in shipped)
            {
                saved[name].ShouldBe(data, name);
            }

            new Lab.ResNet.ResNet8.Model(8).Forward(images.Pixels, 8, loaded).ToArray()
                .ShouldBe(new Lab.ResNet.ResNet8.Model(8).Forward(images.Pixels, 8, weights).ToArray());
        }
        finally
        {
            File.Delete(path);
        }
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
