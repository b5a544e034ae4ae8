using System.Globalization;
using MapDsl.Runtime.Contract;

namespace MapDsl.Runtime.Campaigns;

/// <summary>
/// One thing a campaign evaluates: a mapping of a pruned network, and the values of any axes the experiment adds
/// (retraining epochs, a training method, ...). Compared by value, axes included. The names are written into CSV
/// files unquoted, so they must be non-empty and free of commas, quotes, line breaks and surrounding spaces.
/// </summary>
/// <param name="Mapping">The mapping's name (e.g. the .xmap mapping declaration).</param>
/// <param name="Scheme">The weight-to-conductance scheme, e.g. "two-column" or "differential".</param>
/// <param name="Sparsity">The pruned fraction of weights, in [0, 1).</param>
public sealed record CampaignConfiguration(string Mapping, string Scheme, double Sparsity)
{
    private ConfigurationAxis[] _axes = [];

    /// <summary>A configuration with the values of the experiment's own axes.</summary>
    /// <param name="mapping">The mapping's name.</param>
    /// <param name="scheme">The scheme's name.</param>
    /// <param name="sparsity">The pruned fraction of weights.</param>
    /// <param name="axes">The axes, in column order; names distinct.</param>
    public CampaignConfiguration(string mapping, string scheme, double sparsity, IEnumerable<ConfigurationAxis> axes)
        : this(mapping, scheme, sparsity)
    {
        Axes = [.. axes ?? throw new ArgumentNullException(nameof(axes))];
    }

    /// <summary>The experiment's own axes with this configuration's values, in column order (none by default).</summary>
    public IReadOnlyList<ConfigurationAxis> Axes
    {
        get => _axes;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            ConfigurationAxis[] axes = [.. value];
            if (axes.Any(a => a is null) || axes.Select(a => a.Name).Distinct().Count() != axes.Length)
            {
                throw new ArgumentException($"The axes of a configuration must be distinct and not null, got {string.Join(", ", axes.Select(a => a?.Name))}.", nameof(Axes));
            }

            _axes = axes;
        }
    }

    /// <summary>This configuration with one more axis (or that axis's value replaced).</summary>
    /// <param name="name">The axis name.</param>
    /// <param name="value">Its value.</param>
    /// <returns>The new configuration.</returns>
    public CampaignConfiguration With(string name, string value) =>
        this with { Axes = [.. Axes.Where(a => a.Name != name), new ConfigurationAxis(name, value)] };

    /// <summary>The mapping's name.</summary>
    public string Mapping { get; } = CsvName(Mapping, nameof(Mapping));

    /// <summary>The scheme's name.</summary>
    public string Scheme { get; } = CsvName(Scheme, nameof(Scheme));

    /// <summary>The pruned fraction of weights.</summary>
    public double Sparsity { get; } = Sparsity >= 0 && Sparsity < 1
        ? Sparsity
        : throw new ArgumentOutOfRangeException(nameof(Sparsity), Sparsity, $"Sparsity is the pruned fraction of weights, in [0, 1) (a fraction, not a percentage), got {RateText.Format(Sparsity)}.");

    /// <summary>
    /// A mapping as a campaign configuration: its name, its scheme as the language spells it, and the sparsity its
    /// pruning declares (the largest fraction any layer rule prunes, so a network pruned to 80% with a dense first
    /// layer is "80% sparse"; 0 when it has no pruning).
    /// </summary>
    /// <param name="mapping">The mapping.</param>
    /// <returns>The configuration.</returns>
    public static CampaignConfiguration Of(IMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        return new(mapping.Name, mapping.SchemeName, DeclaredSparsity(mapping.Pruning));
    }

    /// <summary>The sparsity a pruning declares: the largest fraction any of its layer rules prunes; 0 for none.</summary>
    /// <param name="pruning">The pruning, or null.</param>
    /// <returns>The fraction.</returns>
    public static double DeclaredSparsity(IPruning? pruning) => pruning is null || pruning.Layers.Count == 0 ? 0 : pruning.Layers.Max(l => l.Sparsity);

    /// <summary>The value of the axis <paramref name="name"/>, or "-" when this configuration does not have it (a table cell).</summary>
    /// <param name="name">The axis's name.</param>
    /// <returns>The value.</returns>
    public string AxisValue(string name) => _axes.FirstOrDefault(a => a.Name == name)?.Value ?? "-";

    /// <summary>The configuration for people, e.g. "differential, 80% sparse" or "two-column, unpruned".</summary>
    public string Label => _axes.Length == 0
        ? $"{Scheme}, {SparsityText(Sparsity)}"
        : $"{Scheme}, {SparsityText(Sparsity)}, {string.Join(", ", _axes.Select(a => a.ToString()))}";

    /// <summary>Sparsity for people: "unpruned" for 0, otherwise e.g. "80% sparse" or "87.5% sparse".</summary>
    /// <param name="sparsity">A fraction.</param>
    /// <returns>The text.</returns>
    public static string SparsityText(double sparsity) => sparsity == 0
        ? "unpruned"
        : (sparsity * 100).ToString("0.##", CultureInfo.InvariantCulture) + "% sparse";

    /// <summary>Value equality, axes compared element by element.</summary>
    /// <param name="other">The other configuration.</param>
    /// <returns>True when every member and axis is equal.</returns>
    public bool Equals(CampaignConfiguration? other) =>
        other is not null && Mapping == other.Mapping && Scheme == other.Scheme && Sparsity.Equals(other.Sparsity) && _axes.SequenceEqual(other._axes);

    /// <summary>A hash consistent with <see cref="Equals(CampaignConfiguration)"/>.</summary>
    /// <returns>The hash.</returns>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Mapping);
        hash.Add(Scheme);
        hash.Add(Sparsity);
        foreach (ConfigurationAxis axis in _axes)
        {
            hash.Add(axis);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public override string ToString() => _axes.Length == 0
        ? $"{Mapping} ({Scheme}, sparsity {RateText.Format(Sparsity)})"
        : $"{Mapping} ({Scheme}, sparsity {RateText.Format(Sparsity)}, {string.Join(", ", _axes.Select(a => a.ToString()))})";

    internal static string CsvName(string name, string parameter)
    {
        ArgumentNullException.ThrowIfNull(name, parameter);
        bool valid = name.Length > 0 && name.Trim().Length == name.Length && name.IndexOfAny([',', '"', '\n', '\r']) < 0;
        return valid
            ? name
            : throw new ArgumentException($"The {parameter.ToLowerInvariant()} name '{name}' cannot be written into a campaign CSV file: it must be non-empty, without commas, quotes, line breaks or surrounding spaces.", parameter);
    }
}
