using MapDsl.Runtime.Campaigns;

namespace MapDsl.Runtime.Tests.Campaigns;

/// <summary>
/// A deterministic stand-in for a network evaluation: accuracy falls with log(stuck-on rate), differential mapping
/// falls a decade later than two-column, and each chip adds its own small offset, all from the trial key alone.
/// </summary>
internal sealed class FakeWorker : ITrialWorker
{
    private readonly Action<Trial>? _before;

    public FakeWorker(Action<Trial>? before = null)
    {
        _before = before;
    }

    public static double Accuracy(Trial trial)
    {
        double baseline = 0.91 - 0.02 * trial.Configuration.Sparsity;
        if (trial.IsBaseline)
        {
            return baseline;
        }

        double knee = trial.Configuration.Scheme == "differential" ? -1.5 : -2.5;
        double drop = 1 / (1 + Math.Exp(-5 * (Math.Log10(trial.StuckOnRate) - knee)));
        double chipNoise = ((trial.Chip * 7919) % 13 - 6) * 0.001;
        return Math.Clamp(baseline * (1 - drop) + 0.1 * drop + chipNoise, 0, 1);
    }

    public double Evaluate(Trial trial)
    {
        _before?.Invoke(trial);
        return Accuracy(trial);
    }
}
