using System.Globalization;

namespace MapDsl.Runtime.Campaigns;

/// <summary>
/// The stuck-on rates a campaign sweeps: a logarithmic grid with <see cref="PerDecade"/> points per decade, the points
/// 10^(k / perDecade) for whole k that lie in [<see cref="From"/>, <see cref="To"/>], plus <see cref="From"/> and
/// <see cref="To"/> themselves when they are not grid points. Because the points depend only on k and perDecade,
/// grids with different ends share their points, and campaigns over overlapping ranges can be merged.
/// </summary>
public sealed class RateGrid
{
    /// <summary>The default sweep: 0.001% to 30% with 4 points per decade (1e-5, 1.78e-5, ..., 0.1778, 0.3; 19 rates).</summary>
    public static RateGrid Default { get; } = new(1e-5, 0.3, 4);

    /// <summary>Creates the grid and computes its rates.</summary>
    /// <param name="from">Lowest rate, a fraction with 0 &lt; from &lt;= to.</param>
    /// <param name="to">Highest rate, a fraction at most 1.</param>
    /// <param name="perDecade">Grid points per factor of 10, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A bound is outside (0, 1], from &gt; to, or perDecade &lt; 1.</exception>
    public RateGrid(double from, double to, int perDecade)
    {
        if (!(from > 0 && from <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(from), from, $"The lowest rate must be a fraction above 0 and at most 1 (a log grid cannot start at 0), got {Show(from)}.");
        }

        if (!(to > 0 && to <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, $"The highest rate must be a fraction above 0 and at most 1, got {Show(to)}.");
        }

        if (from > to)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, $"The highest rate ({Show(to)}) is below the lowest rate ({Show(from)}).");
        }

        if (perDecade < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(perDecade), perDecade, $"A rate grid needs at least 1 point per decade, got {perDecade}.");
        }

        From = from;
        To = to;
        PerDecade = perDecade;
        Rates = Compute(from, to, perDecade);
    }

    /// <summary>The lowest rate.</summary>
    public double From { get; }

    /// <summary>The highest rate.</summary>
    public double To { get; }

    /// <summary>Grid points per decade.</summary>
    public int PerDecade { get; }

    /// <summary>The rates in ascending order, without repeats; the first is <see cref="From"/>, the last <see cref="To"/>.</summary>
    public IReadOnlyList<double> Rates { get; }

    /// <summary>The grid point 10^(k / perDecade); decade points (k a multiple of perDecade) are exactly 1e-4, 1e-3, ...</summary>
    /// <param name="k">The point's index; 0 is the rate 1.</param>
    /// <param name="perDecade">Points per decade.</param>
    /// <returns>The rate.</returns>
    public static double Point(int k, int perDecade)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perDecade, 1);

        // Math.Pow is not guaranteed to be correctly rounded; parsing "1e-4" is, so decade points equal their literals.
        return k % perDecade == 0
            ? double.Parse("1e" + (k / perDecade).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
            : Math.Pow(10, k / (double)perDecade);
    }

    /// <summary>Describes the grid for reports, e.g. "0.001% to 30%, 4 points per decade (19 rates)".</summary>
    /// <returns>The description.</returns>
    public string Describe() =>
        $"{RateText.Percent(From)} to {RateText.Percent(To)}, {PerDecade} point{(PerDecade == 1 ? "" : "s")} per decade ({Rates.Count} rate{(Rates.Count == 1 ? "" : "s")})";

    /// <inheritdoc/>
    public override string ToString() => Describe();

    private static double[] Compute(double from, double to, int perDecade)
    {
        // Log10 only brackets the indices; membership is decided on the exact point values.
        int low = (int)Math.Floor(Math.Log10(from) * perDecade) - 1;
        int high = (int)Math.Ceiling(Math.Log10(to) * perDecade) + 1;
        var rates = new SortedSet<double> { from, to };
        for (int k = low; k <= high; k++)
        {
            double point = Point(k, perDecade);
            if (point >= from && point <= to)
            {
                rates.Add(point);
            }
        }

        return [.. rates];
    }

    private static string Show(double rate) => rate.ToString("R", CultureInfo.InvariantCulture);
}
