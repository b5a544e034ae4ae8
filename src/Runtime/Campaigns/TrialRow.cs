namespace MapDsl.Runtime.Campaigns;

/// <summary>One line of <c>trials.csv</c>: a trial and the test accuracy it reached.</summary>
/// <param name="Trial">The trial.</param>
/// <param name="Accuracy">Test accuracy as a fraction in [0, 1].</param>
public sealed record TrialRow(Trial Trial, double Accuracy)
{
    /// <summary>The trial.</summary>
    public Trial Trial { get; } = Trial ?? throw new ArgumentNullException(nameof(Trial));

    /// <summary>Test accuracy as a fraction in [0, 1].</summary>
    public double Accuracy { get; } = CheckAccuracy(Accuracy, nameof(Accuracy));

    internal static double CheckAccuracy(double accuracy, string name) => accuracy >= 0 && accuracy <= 1
        ? accuracy
        : throw new ArgumentOutOfRangeException(name, accuracy, $"Accuracy must be a fraction in [0, 1] (not a percentage), got {RateText.Format(accuracy)}.");
}
