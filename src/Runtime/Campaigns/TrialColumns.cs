using System.Globalization;
using MapDsl.Runtime.Faults;

namespace MapDsl.Runtime.Campaigns;

/// <summary>
/// The columns of a <c>trials.csv</c>, taken from the campaign's plan: the configuration (<c>mapping,scheme,sparsity</c>
/// and the experiment's own axes, see <see cref="ConfigurationAxis"/>), one rate column per fault kind the plan uses (<c>stuck_on_rate</c> and <c>stuck_off_rate</c> always together,
/// <c>bit_flip_rate</c>, <c>pe_rate</c>, in that order), then <c>chip,accuracy</c>. Invariant culture, numbers in
/// round-trip form, names unquoted (<see cref="CampaignConfiguration"/> keeps them free of commas and quotes).
/// </summary>
public sealed class TrialColumns : IEquatable<TrialColumns>
{
    private static readonly FaultKind[] Order = [FaultKind.StuckOn, FaultKind.StuckOff, FaultKind.BitFlip, FaultKind.Pe];

    private TrialColumns(FaultKind[] kinds, string[] axes)
    {
        Kinds = kinds;
        Axes = axes;
        Header = string.Join(',', ["mapping", "scheme", "sparsity", .. axes, .. kinds.Select(ColumnOf), "chip", "accuracy"]);
    }

    /// <summary>The names of the experiment's own configuration axes, in column order.</summary>
    public IReadOnlyList<string> Axes { get; }

    /// <summary>Stuck cells only: <c>mapping,scheme,sparsity,stuck_on_rate,stuck_off_rate,chip,accuracy</c>.</summary>
    public static TrialColumns StuckCells { get; } = For([FaultKind.StuckOn]);

    /// <summary>The fault kinds with a rate column, in column order.</summary>
    public IReadOnlyList<FaultKind> Kinds { get; }

    /// <summary>The header line (without its line end).</summary>
    public string Header { get; }

    /// <summary>Columns for these fault kinds (a stuck kind brings its partner; the order is fixed) and axes.</summary>
    /// <param name="kinds">At least one fault kind.</param>
    /// <param name="axes">The configuration axes' names, in column order; none by default.</param>
    /// <returns>The columns.</returns>
    public static TrialColumns For(IEnumerable<FaultKind> kinds, IEnumerable<string>? axes = null)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        string[] axisNames = [.. axes ?? []];
        if (axisNames.Any(a => !ConfigurationAxis.IsAxisName(a)) || axisNames.Distinct().Count() != axisNames.Length)
        {
            throw new ArgumentException($"The axes {string.Join(", ", axisNames)} are not distinct axis names.", nameof(axes));
        }

        var wanted = kinds.ToHashSet();
        if (wanted.Contains(FaultKind.StuckOn) || wanted.Contains(FaultKind.StuckOff))
        {
            wanted.UnionWith([FaultKind.StuckOn, FaultKind.StuckOff]);
        }

        return wanted.Count > 0
            ? new TrialColumns([.. Order.Where(wanted.Contains)], axisNames)
            : throw new ArgumentException("A trials file needs at least one fault rate column.", nameof(kinds));
    }

    /// <summary>The fewest columns that hold every rate of these rows (stuck cells when no row has faults) and their axes.</summary>
    /// <param name="rows">The rows; their configurations must have the same axes.</param>
    /// <returns>The columns.</returns>
    public static TrialColumns Covering(IEnumerable<TrialRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        List<TrialRow> all = [.. rows];
        var used = all.SelectMany(r => Order.Where(k => r.Trial.Rates.Of(k) != 0)).ToHashSet();
        return For(used.Count == 0 ? [FaultKind.StuckOn] : used, AxesOf(all.Select(r => r.Trial.Configuration)));
    }

    /// <summary>The axis names the configurations share.</summary>
    /// <param name="configurations">The configurations.</param>
    /// <returns>The names, in column order.</returns>
    /// <exception cref="ArgumentException">Two configurations have different axes.</exception>
    public static IReadOnlyList<string> AxesOf(IEnumerable<CampaignConfiguration> configurations)
    {
        ArgumentNullException.ThrowIfNull(configurations);
        string[]? names = null;
        foreach (CampaignConfiguration configuration in configurations)
        {
            string[] these = [.. configuration.Axes.Select(a => a.Name)];
            if (names is null)
            {
                names = these;
            }
            else if (!names.SequenceEqual(these))
            {
                throw new ArgumentException($"The configurations of one campaign must have the same axes, but {configuration} has ({string.Join(", ", these)}) and another ({string.Join(", ", names)}).", nameof(configurations));
            }
        }

        return names ?? [];
    }

    /// <summary>The columns a header line names, or null when it is not a trials header.</summary>
    /// <param name="header">The first line of a file.</param>
    /// <returns>The columns, or null.</returns>
    public static TrialColumns? FromHeader(string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        string[] fields = header.Split(',');
        if (fields.Length < 6 || fields[0] != "mapping" || fields[1] != "scheme" || fields[2] != "sparsity" || fields[^2] != "chip" || fields[^1] != "accuracy")
        {
            return null;
        }

        var kinds = new List<FaultKind>();
        var axes = new List<string>();
        foreach (string field in fields[3..^2])
        {
            if (kinds.Count == 0 && ConfigurationAxis.IsAxisName(field))
            {
                axes.Add(field);
                continue;
            }

            if (Order.FirstOrDefault(k => ColumnOf(k) == field) is var kind && ColumnOf(kind) == field && !kinds.Contains(kind))
            {
                kinds.Add(kind);
            }
            else
            {
                return null;
            }
        }

        if (kinds.Count == 0 || axes.Distinct().Count() != axes.Count)
        {
            return null;
        }

        var columns = For(kinds, axes);
        return columns.Header == header ? columns : null;
    }

    /// <summary>The column of a fault kind's rate, e.g. <c>bit_flip_rate</c>.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The column name.</returns>
    public static string ColumnOf(FaultKind kind) => Word(kind).Replace('-', '_') + "_rate";

    /// <summary>A fault kind as the language spells it: stuck-on, stuck-off, bit-flip, pe.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The word.</returns>
    public static string Word(FaultKind kind) => kind switch
    {
        FaultKind.StuckOn => "stuck-on",
        FaultKind.StuckOff => "stuck-off",
        FaultKind.BitFlip => "bit-flip",
        FaultKind.Pe => "pe",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a fault kind."),
    };

    /// <summary>Whether every non-zero rate of <paramref name="rates"/> has a column.</summary>
    /// <param name="rates">The rates.</param>
    /// <returns>True when a row can hold them.</returns>
    public bool Holds(FaultRates rates) => Order.All(k => rates.Of(k) == 0 || Kinds.Contains(k));

    /// <summary>Whether a row can hold <paramref name="trial"/>: its rates have columns and its axes are the columns' axes.</summary>
    /// <param name="trial">The trial.</param>
    /// <returns>True when it fits.</returns>
    public bool Holds(Trial trial) =>
        trial is not null && Holds(trial.Rates) && trial.Configuration.Axes.Select(a => a.Name).SequenceEqual(Axes);

    /// <summary>A row of the file.</summary>
    /// <param name="trial">The trial.</param>
    /// <param name="accuracy">Its accuracy.</param>
    /// <returns>The line (without its line end).</returns>
    /// <exception cref="ArgumentException">The trial has a fault kind without a column.</exception>
    public string Line(Trial trial, double accuracy)
    {
        ArgumentNullException.ThrowIfNull(trial);
        if (!Holds(trial.Rates))
        {
            throw new ArgumentException($"The trial {trial} has fault rates this file has no column for ({Header}).", nameof(trial));
        }

        if (!Holds(trial))
        {
            throw new ArgumentException($"The trial {trial} has other configuration axes than this file's columns ({Header}).", nameof(trial));
        }

        return string.Join(',', [
            trial.Configuration.Mapping,
            trial.Configuration.Scheme,
            RateText.Format(trial.Configuration.Sparsity),
            .. trial.Configuration.Axes.Select(a => a.Value),
            .. Kinds.Select(k => RateText.Format(trial.Rates.Of(k))),
            trial.Chip.ToString(CultureInfo.InvariantCulture),
            RateText.Format(accuracy)]);
    }

    /// <summary>Parses a complete row, or returns the problem (phrased for the file's owner) in <paramref name="problem"/>.</summary>
    /// <param name="line">The line.</param>
    /// <param name="problem">What is wrong with it, or empty.</param>
    /// <returns>The row, or null.</returns>
    public TrialRow? Parse(string line, out string problem)
    {
        ArgumentNullException.ThrowIfNull(line);
        string[] fields = line.Split(',');
        int count = 5 + Axes.Count + Kinds.Count;
        if (fields.Length != count)
        {
            problem = $"expected {count} comma-separated fields ({Header}), found {fields.Length}: '{line}'.";
            return null;
        }

        var rates = new double[4];
        if (!Number(fields[2], "sparsity", out double sparsity, out problem) || !Number(fields[^1], "accuracy", out double accuracy, out problem))
        {
            return null;
        }

        for (int i = 0; i < Kinds.Count; i++)
        {
            if (!Number(fields[3 + Axes.Count + i], ColumnOf(Kinds[i]), out rates[(int)Kinds[i]], out problem))
            {
                return null;
            }
        }

        if (!int.TryParse(fields[^2], NumberStyles.None, CultureInfo.InvariantCulture, out int chip))
        {
            problem = $"the chip '{fields[^2]}' is not a whole number at least 0.";
            return null;
        }

        try
        {
            problem = string.Empty;
            var faultRates = new FaultRates(rates[(int)FaultKind.StuckOn], rates[(int)FaultKind.StuckOff], rates[(int)FaultKind.BitFlip], rates[(int)FaultKind.Pe]);
            var axes = Axes.Select((name, i) => new ConfigurationAxis(name, fields[3 + i]));
            return new TrialRow(new Trial(new CampaignConfiguration(fields[0], fields[1], sparsity, axes), faultRates, chip), accuracy);
        }
        catch (ArgumentException invalid)
        {
            // The validating constructors phrase the problem; drop the "(Parameter ...)" suffix the BCL appends.
            problem = FirstSentence(invalid);
            return null;
        }
    }

    /// <inheritdoc/>
    public bool Equals(TrialColumns? other) => other is not null && Header == other.Header;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as TrialColumns);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Header);

    /// <inheritdoc/>
    public override string ToString() => Header;

    private static bool Number(string field, string name, out double value, out string problem)
    {
        bool ok = double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
        problem = ok ? string.Empty : $"the {name} '{field}' is not a number.";
        return ok;
    }

    private static string FirstSentence(ArgumentException invalid)
    {
        string message = invalid.Message;
        int parameter = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return parameter < 0 ? message : message[..parameter];
    }
}
