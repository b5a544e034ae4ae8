namespace BitErrorRobustness;

/// <summary>What one run does, from the command line.</summary>
/// <param name="OutputFolder">Where the result files go.</param>
/// <param name="Networks">mlp, lenet5 or both.</param>
/// <param name="Bits">Word widths to train and evaluate.</param>
/// <param name="Epochs">Training epochs of every method.</param>
/// <param name="LearningRate">Initial SGD learning rate (×0.1 at 2/5, 3/5 and 4/5 of training).</param>
/// <param name="BatchSize">Images per step.</param>
/// <param name="Seed">Seed of the initial weights, the shuffles and the training bit errors.</param>
/// <param name="Rates">Bit error rates p of rerr.csv.</param>
/// <param name="AblationRates">Bit error rates of ablation.csv.</param>
/// <param name="Patterns">Bit error patterns per rate (chip seeds 1 .. Patterns, nested across rates).</param>
/// <param name="Workers">Threads of the evaluations.</param>
/// <param name="TrainImages">Training images (the first ones of the set), or null for all.</param>
/// <param name="TestImages">Test images (the first ones of the set), or null for all.</param>
/// <param name="DataFolder">Fashion-MNIST IDX folder, or null for the shipped slice.</param>
/// <param name="Profile">A profiled chip's bit error profile to evaluate every fitting model under (profiled.csv), or null.</param>
internal sealed record Settings(
    string OutputFolder,
    IReadOnlyList<string> Networks,
    IReadOnlyList<int> Bits,
    int Epochs,
    float LearningRate,
    int BatchSize,
    int Seed,
    IReadOnlyList<double> Rates,
    IReadOnlyList<double> AblationRates,
    int Patterns,
    int Workers,
    int? TrainImages,
    int? TestImages,
    string? DataFolder,
    string? Profile = null)
{
    /// <summary>The model cache: trained weights with their settings in the metadata.</summary>
    public string ModelsFolder => Path.Combine(OutputFolder, "models");
}
