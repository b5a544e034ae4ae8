using System.Globalization;

namespace Train;

/// <summary>Everything that determines a training run; stored in the saved file's metadata.</summary>
internal sealed record TrainingSettings(string Network, int Epochs, int Seed, float LearningRate, string Data, string? DataOption, int TrainImages, int TestImages)
{
    public const float Momentum = 0.9f;
    public const float WeightDecay = 5e-4f;

    /// <summary>The networks this program trains.</summary>
    public static readonly string[] Networks = ["lenet5", "mlp", "resnet8"];

    /// <summary>
    /// Images per step: 32 for the small networks; 128 for ResNet-8, whose batch norms want larger batches and
    /// whose convolutions run faster on them.
    /// </summary>
    public int Batch => IsResNet ? 128 : 32;

    /// <summary>The learning rate a run uses unless --lr says otherwise.</summary>
    public static float DefaultLearningRate(string network) => network == "resnet8" ? 0.1f : 0.02f;

    /// <summary>
    /// The step schedule: the small networks train at a tenth of the rate for the last quarter of the epochs; ResNet-8
    /// steps down by 10 at half and again at three quarters, as ResNets usually do.
    /// </summary>
    public float LearningRateOf(int epoch) => IsResNet
        ? LearningRate * (epoch > Epochs * 3 / 4 ? 0.01f : epoch > Epochs / 2 ? 0.1f : 1f)
        : epoch > Epochs * 3 / 4 ? LearningRate / 10 : LearningRate;

    private bool IsResNet => Network == "resnet8";

    public Dictionary<string, string> Metadata(double accuracy) => new()
    {
        ["network"] = Network,
        ["epochs"] = Epochs.ToString(CultureInfo.InvariantCulture),
        ["seed"] = Seed.ToString(CultureInfo.InvariantCulture),
        ["learning_rate"] = LearningRate.ToString("R", CultureInfo.InvariantCulture),
        ["optimizer"] = $"SGD momentum {Momentum.ToString(CultureInfo.InvariantCulture)} nesterov, weight decay {WeightDecay.ToString(CultureInfo.InvariantCulture)}, batch {Batch}",
        ["data"] = Data,
        ["train_images"] = TrainImages.ToString(CultureInfo.InvariantCulture),
        ["test_images"] = TestImages.ToString(CultureInfo.InvariantCulture),
        ["test_accuracy"] = accuracy.ToString("0.0000", CultureInfo.InvariantCulture),
        ["command"] = $"dotnet run -c Release --project examples/Train -- --network {Network} --epochs {Epochs} --seed {Seed} --lr {LearningRate.ToString("R", CultureInfo.InvariantCulture)}" + (DataOption is null ? string.Empty : $" --data {DataOption}"),
    };
}
