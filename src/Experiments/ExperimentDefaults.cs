namespace MapDsl.Experiments;

/// <summary>The defaults of an experiment's standard options: its README run.</summary>
/// <param name="OutputFolder">Where results go unless --out says otherwise, e.g. results/differential-mapping.</param>
/// <param name="Weights">The trained network used unless --weights says otherwise, as the report names it.</param>
/// <param name="Chips">Chips (fault-map seeds 1..N) per rate.</param>
/// <param name="Rates">The rate grid's range, LOW..HIGH.</param>
/// <param name="PointsPerDecade">Grid points per decade of rate.</param>
/// <param name="Epochs">Epochs of (fine-)tuning.</param>
/// <param name="LearningRate">Its SGD learning rate.</param>
/// <param name="Seed">Seed of its shuffles.</param>
public sealed record ExperimentDefaults(
    string OutputFolder,
    string Weights,
    int Chips = 20,
    string Rates = "0.001%..30%",
    int PointsPerDecade = 4,
    int Epochs = 2,
    float LearningRate = 0.003f,
    int Seed = 1);
