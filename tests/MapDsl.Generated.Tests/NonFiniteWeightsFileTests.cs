using MapDsl.Runtime.Interchange;

namespace MapDsl.Generated.Tests;

/// <summary>
/// A weights file whose payload holds NaN or an infinity (a diverged run, a damaged file) reads as the format stores it,
/// but the generated loader refuses it with an error naming the file, the tensor and the value's index, batch norm
/// statistics included, before any layer is filled.
/// </summary>
public sealed class NonFiniteWeightsFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mapdsl-nonfinite-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("c1.weight", 7, float.NaN, "tensor 'c1.weight' holds NaN at [0, 0, 1, 2] (value 7 of 150)")]
    [InlineData("f3.bias", 9, float.PositiveInfinity, "tensor 'f3.bias' holds Infinity at [9] (value 9 of 10)")]
    public void A_lenet_file_with_a_non_finite_value_is_refused_by_name(string tensor, int index, float value, string problem)
    {
        string path = Path.Combine(_folder, "lenet5.safetensors");
        ExampleNetworks.LeNet5(3).SaveSafetensors(path);
        Damage(path, tensor, index, value);

        var error = Should.Throw<InterchangeFormatException>(() => Lab.LeNet.LeNet5.Weights.LoadSafetensors(path));

        error.Path.ShouldBe(path);
        error.Problem.ShouldStartWith(problem);
    }

    [Fact]
    public void A_batch_norm_variance_of_nan_is_refused_by_name()
    {
        string path = Path.Combine(_folder, "resnet8.safetensors");
        new Lab.ResNet.ResNet8.Weights().SaveSafetensors(path);
        Damage(path, "r2.a_bn.running_var", 0, float.NaN);

        Should.Throw<InterchangeFormatException>(() => Lab.ResNet.ResNet8.Weights.LoadSafetensors(path)).Problem
            .ShouldStartWith("tensor 'r2.a_bn.running_var' holds NaN at [0]");
    }

    private static void Damage(string path, string name, int index, float value)
    {
        var tensors = SafeTensors.Read(path).ToList();
        tensors.Single(t => t.Name == name).Data[index] = value;
        SafeTensors.Write(path, tensors, SafeTensors.ReadMetadata(path));
    }
}
