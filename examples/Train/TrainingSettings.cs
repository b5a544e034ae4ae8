using System.Globalization;

namespace Train;

/// <summary>Everything that determines a training run; stored in the saved file's metadata.</summary>
internal sealed record TrainingSettings(string Network, int Epochs, int Seed, float LearningRate, string Data, string? DataOption, int TrainImages, int TestImages)
{
    public const int Batch = 32;
    public const float Momentum = 0.9f;
    public const float WeightDecay = 5e-4f;

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
