namespace MapDsl.Runtime.Campaigns;

/// <summary>
/// A named axis an experiment adds to its configurations, with this configuration's value, e.g. <c>epochs = 0.5</c>
/// or <c>method = randbet</c>: it becomes a column of <c>trials.csv</c>, <c>curves.csv</c> and <c>summary.csv</c>
/// after <c>sparsity</c>. Names and values are written unquoted, so they are checked like every campaign name; a
/// name is lower case (letters, digits, underscores), not a fixed column and not ending in <c>_rate</c>, so a header
/// says unambiguously which columns are axes.
/// </summary>
/// <param name="Name">The column name, e.g. <c>epochs</c>.</param>
/// <param name="Value">The value as written, e.g. <c>0.5</c> (format numbers invariantly, round-trip).</param>
public sealed record ConfigurationAxis(string Name, string Value)
{
    private static readonly string[] FixedColumns = ["mapping", "scheme", "sparsity", "chip", "accuracy"];

    /// <summary>The column name.</summary>
    public string Name { get; } = IsAxisName(Name)
        ? Name
        : throw new ArgumentException($"'{Name}' cannot name a configuration axis: use lower-case letters, digits and underscores, not one of {string.Join(", ", FixedColumns)} and not ending in _rate.", nameof(Name));

    /// <summary>The value.</summary>
    public string Value { get; } = CampaignConfiguration.CsvName(Value, "axis value");

    /// <summary>Whether <paramref name="name"/> may name an axis.</summary>
    /// <param name="name">A column name.</param>
    /// <returns>True when it is a valid axis name.</returns>
    public static bool IsAxisName(string? name) =>
        !string.IsNullOrEmpty(name)
        && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_')
        && name[0] is >= 'a' and <= 'z'
        && !FixedColumns.Contains(name)
        && !name.EndsWith("_rate", StringComparison.Ordinal);

    /// <inheritdoc/>
    public override string ToString() => $"{Name} {Value}";
}
