using System.Globalization;

namespace MapDsl.Runtime.Campaigns;

/// <summary>
/// Which part of a campaign one process runs, as in <c>--shard 2/4</c>: shard <see cref="Index"/> of
/// <see cref="Count"/>, 1-based. See <see cref="CampaignPlan.Shard(ShardSpec)"/> for how trials are assigned.
/// </summary>
public sealed record ShardSpec
{
    /// <summary>Creates the spec.</summary>
    /// <param name="index">1-based shard number, 1 to <paramref name="count"/>.</param>
    /// <param name="count">Number of shards, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">The count is below 1 or the index is outside 1..count.</exception>
    public ShardSpec(int index, int count)
    {
        if (count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"A campaign is split into at least 1 shard, got {count}.");
        }

        if (index < 1 || index > count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Shards are numbered 1 to {count}, got shard {index}.");
        }

        Index = index;
        Count = count;
    }

    /// <summary>The whole campaign: shard 1 of 1.</summary>
    public static ShardSpec Whole { get; } = new(1, 1);

    /// <summary>1-based shard number.</summary>
    public int Index { get; }

    /// <summary>Number of shards.</summary>
    public int Count { get; }

    /// <summary>Parses "index/count", e.g. "2/4".</summary>
    /// <param name="text">The spec.</param>
    /// <returns>The spec.</returns>
    /// <exception cref="FormatException">The text is not two whole numbers with 1 &lt;= index &lt;= count.</exception>
    public static ShardSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] parts = text.Trim().Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            || !int.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int count))
        {
            throw new FormatException($"'{text}' is not a shard: expected '<index>/<count>' with whole numbers, e.g. '2/4' for the second of four shards.");
        }

        if (count < 1 || index < 1 || index > count)
        {
            throw new FormatException($"'{text}' is not a shard: the index must be from 1 to the count (at least 1), e.g. '1/{Math.Max(count, 1)}' to '{Math.Max(count, 1)}/{Math.Max(count, 1)}'.");
        }

        return new ShardSpec(index, count);
    }

    /// <summary>The spec as "index/count".</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Index.ToString(CultureInfo.InvariantCulture)}/{Count.ToString(CultureInfo.InvariantCulture)}";
}
