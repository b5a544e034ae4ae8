using System.Globalization;
using MapDsl.Runtime.Data;
using MapDsl.Runtime.Engine.Training;

namespace MapDsl.Experiments;

/// <summary>How an experiment (fine-)tunes its networks: SGD with Nesterov momentum 0.9 and batches of 32.</summary>
/// <param name="Epochs">Epochs; 0 leaves a network as it is.</param>
/// <param name="LearningRate">The SGD learning rate.</param>
/// <param name="Seed">Seed of the shuffles.</param>
/// <param name="Images">Training images used (the first ones), or null for all.</param>
public sealed record TrainingSettings(int Epochs, float LearningRate, int Seed, int? Images)
{
    /// <summary>Momentum of every experiment's SGD.</summary>
    public const float Momentum = 0.9f;

    /// <summary>Batch size of every experiment's SGD.</summary>
    public const int BatchSize = 32;

    /// <summary>The trainer's options.</summary>
    public TrainingOptions Options => new(Epochs, LearningRate, Momentum, BatchSize, Seed, Nesterov: true);

    /// <summary>
    /// Everything that determines a tuned network, as one line: stored with the network so that a later run reuses it
    /// only when it would have trained the same one.
    /// </summary>
    /// <param name="train">The training images used.</param>
    /// <param name="from">The network it starts from.</param>
    /// <returns>The text.</returns>
    public string Describe(ImageSet train, string from) => string.Create(
        CultureInfo.InvariantCulture,
        $"masked SGD, {Epochs} epochs, lr {LearningRate:R}, momentum 0.9 Nesterov, batch {BatchSize}, seed {Seed}, {train.Count} images of {train.Source}, from {from}");
}
