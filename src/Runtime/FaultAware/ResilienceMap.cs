using System.Globalization;
using System.Text;

namespace MapDsl.Runtime.FaultAware;

/// <summary>
/// eFAT's resilience map E*(r): for each PE fault rate of the analysis grid, the least retraining (of the epochs
/// measured) after which accuracy stays within an allowed drop of the fault-free accuracy, judged on the mean over
/// the rate's fault maps or on the worst one. A rate where no measured amount suffices is unusable (null). A chip's
/// rate is looked up rounding up to the next grid rate, so that its retraining is never less than the grid says its
/// rate needs; rates above the grid are unusable, as nothing is known of them.
/// </summary>
public sealed class ResilienceMap
{
    private readonly double?[] _mean;
    private readonly double?[] _worst;

    private ResilienceMap(double[] rates, double[] epochs, double?[] mean, double?[] worst, double threshold)
    {
        Rates = rates;
        Epochs = epochs;
        _mean = mean;
        _worst = worst;
        Threshold = threshold;
    }

    /// <summary>The PE fault rates of the grid, ascending.</summary>
    public IReadOnlyList<double> Rates { get; }

    /// <summary>The retraining amounts measured, ascending.</summary>
    public IReadOnlyList<double> Epochs { get; }

    /// <summary>The accuracy a retrained network must reach: fault-free accuracy minus the allowed drop.</summary>
    public double Threshold { get; }

    /// <summary>Builds the map from a full grid of measurements.</summary>
    /// <param name="points">Every (rate, epochs, map) of the grid once.</param>
    /// <param name="faultFreeAccuracy">The trained network's accuracy on a fault-free chip.</param>
    /// <param name="allowedDrop">The allowed accuracy drop D, e.g. 0.01 for one percentage point.</param>
    /// <returns>The map.</returns>
    /// <exception cref="ArgumentException">No points, a grid cell measured twice, or a (rate, epochs) without the maps the other cells have.</exception>
    public static ResilienceMap From(IEnumerable<ResiliencePoint> points, double faultFreeAccuracy, double allowedDrop)
    {
        ArgumentNullException.ThrowIfNull(points);
        ResiliencePoint[] all = [.. points];
        if (all.Length == 0)
        {
            throw new ArgumentException("A resilience map needs measurements.", nameof(points));
        }

        double[] rates = [.. all.Select(p => p.Rate).Distinct().Order()];
        double[] epochs = [.. all.Select(p => p.Epochs).Distinct().Order()];
        int[] maps = [.. all.Select(p => p.Map).Distinct().Order()];
        var cells = all.GroupBy(p => (p.Rate, p.Epochs)).ToDictionary(g => g.Key, g => g.ToArray());
        foreach (double rate in rates)
        {
            foreach (double e in epochs)
            {
                var cell = cells.GetValueOrDefault((rate, e)) ?? [];
                if (!cell.Select(p => p.Map).Order().SequenceEqual(maps))
                {
                    throw new ArgumentException(
                        $"The grid is incomplete or repeats a point: rate {Text(rate)} after {Text(e)} epochs has maps [{string.Join(", ", cell.Select(p => p.Map))}], expected [{string.Join(", ", maps)}].",
                        nameof(points));
                }
            }
        }

        double threshold = faultFreeAccuracy - allowedDrop;
        double? Needed(double rate, Func<IEnumerable<double>, double> over) =>
            epochs.Cast<double?>().FirstOrDefault(e => over(cells[(rate, e!.Value)].Select(p => p.Accuracy)) >= threshold);
        return new ResilienceMap(rates, epochs, [.. rates.Select(r => Needed(r, a => a.Average()))], [.. rates.Select(r => Needed(r, a => a.Min()))], threshold);
    }

    /// <summary>E* at grid rate <paramref name="rateIndex"/>: the least epochs that suffice, or null when none does.</summary>
    /// <param name="rateIndex">Index into <see cref="Rates"/>.</param>
    /// <param name="basis">Judge by the mean or the worst map.</param>
    /// <returns>The epochs, or null for an unusable rate.</returns>
    public double? EpochsNeededAt(int rateIndex, ResilienceBasis basis) => basis == ResilienceBasis.Worst ? _worst[rateIndex] : _mean[rateIndex];

    /// <summary>E* for a chip's rate: that of the first grid rate at or above it; null above the grid or where unusable.</summary>
    /// <param name="rate">The chip's PE fault rate.</param>
    /// <param name="basis">Judge by the mean or the worst map.</param>
    /// <returns>The epochs, or null.</returns>
    public double? EpochsNeeded(double rate, ResilienceBasis basis)
    {
        for (int i = 0; i < Rates.Count; i++)
        {
            if (rate <= Rates[i])
            {
                return EpochsNeededAt(i, basis);
            }
        }

        return null;
    }

    /// <summary>The map as <c>resilience-map.csv</c>: <c>rate,epochs_needed_mean,epochs_needed_worst</c>, empty where unusable.</summary>
    /// <returns>The text, lines ending in \n.</returns>
    public string Csv()
    {
        var text = new StringBuilder("rate,epochs_needed_mean,epochs_needed_worst\n");
        for (int i = 0; i < Rates.Count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Text(Rates[i])},{Text(_mean[i])},{Text(_worst[i])}\n");
        }

        return text.ToString();
    }

    private static string Text(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : string.Empty;
}
