using MapDsl.Runtime.Campaigns;

namespace MapDsl.Experiments;

/// <summary>
/// Reads the trials of one campaign from the shards' folders for a merge and checks them against the campaign's plan,
/// so that every refusal names the shard at fault: a folder that is missing or has no trials file, a corrupt file (its
/// line), a trial two shards disagree on (both files), a shard run with other options (its file and one trial), a
/// shard that was not given or did not finish (which one of how many, worked out from the plan positions the given
/// shards hold). Nothing is written here, so a refused merge leaves no files behind.
/// </summary>
internal static class ShardRows
{
    /// <summary>The distinct rows of all shards, shard after shard, once they cover exactly the plan.</summary>
    /// <exception cref="DirectoryNotFoundException">A shard folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">A shard folder has no trials file for the campaign.</exception>
    /// <exception cref="CampaignFileException">A trials file is malformed, or two shards disagree about a trial.</exception>
    /// <exception cref="InvalidDataException">A shard holds a trial the plan does not have, or the shards miss some of the plan.</exception>
    public static IReadOnlyList<TrialRow> Read(ExperimentCampaign campaign, IReadOnlyList<string> shardFolders)
    {
        string[] files = [.. shardFolders.Select(folder => TrialsFileOf(campaign, folder))];
        IReadOnlyList<TrialRow>[] perShard = [.. files.Select(file => TrialsFile.ReadRows(file))];
        IReadOnlyList<TrialRow> rows = TrialsFile.ReadRows(files);

        var positions = new Dictionary<Trial, int>();
        for (int i = 0; i < campaign.Plan.Trials.Count; i++)
        {
            positions[campaign.Plan.Trials[i]] = i;
        }

        for (int shard = 0; shard < files.Length; shard++)
        {
            if (perShard[shard].FirstOrDefault(row => !positions.ContainsKey(row.Trial)) is { } stranger)
            {
                throw new InvalidDataException(
                    $"{files[shard]}: the trial {stranger.Trial} is not in the {campaign.Title} plan of these options ({campaign.Plan.Trials.Count} trials), "
                    + "so this shard ran with other options (--chips, --rates, --per-decade or the experiment's own) or is another experiment's. "
                    + "Pass --merge the options the shards ran with.");
            }
        }

        var have = rows.Select(row => row.Trial).ToHashSet();
        List<int> missing = [.. Enumerable.Range(0, campaign.Plan.Trials.Count).Where(i => !have.Contains(campaign.Plan.Trials[i]))];
        if (missing.Count > 0)
        {
            int[][] held = [.. perShard.Select(shardRows => shardRows.Select(row => positions[row.Trial]).ToArray())];
            throw new InvalidDataException(
                $"The shards' {campaign.Title} trials do not cover the plan of these options ({campaign.Plan.Trials.Count} trials): {missing.Count} missing, "
                + $"e.g. {campaign.Plan.Trials[missing[0]]}. {WhichShards(missing, held, shardFolders)}"
                + "Finish every shard (re-run its command), pass every shard's folder to --merge, and the options the shards ran with.");
        }

        return rows;
    }

    private static string TrialsFileOf(ExperimentCampaign campaign, string shardFolder)
    {
        if (!Directory.Exists(shardFolder))
        {
            throw new DirectoryNotFoundException($"The shard folder {shardFolder} does not exist; pass --merge the --out folders the shards wrote.");
        }

        string file = Path.Combine(campaign.Folder(shardFolder), CampaignFiles.Trials);
        return File.Exists(file)
            ? file
            : throw new FileNotFoundException(
                $"The shard folder {shardFolder} has no {campaign.Title} trials ({file} does not exist): the shard has not run yet (run its command) or the folder is not a shard's --out.",
                file);
    }

    // Shard i of N holds the plan positions congruent to i - 1 modulo N, so N divides every difference between two
    // positions one shard holds. The greatest common divisor of those differences over all shards is N once the shards
    // hold a few trials each; the residues then say which shard each folder is and which shards hold the missing trials.
    private static string WhichShards(List<int> missing, int[][] held, IReadOnlyList<string> folders)
    {
        int empty = Array.FindIndex(held, positions => positions.Length == 0);
        if (empty >= 0)
        {
            return $"The shard in {folders[empty]} has not finished any trial yet. ";
        }

        int count = held.Aggregate(0, (divisor, positions) => positions.Aggregate(divisor, (d, p) => Gcd(d, p - positions[0])));
        if (count < 1)
        {
            return string.Empty;
        }

        int[] residues = [.. held.Select(positions => positions[0] % count)];
        if (residues.Distinct().Count() != residues.Length)
        {
            return string.Empty;
        }

        var parts = new List<string>();
        foreach (IGrouping<int, int> shard in missing.GroupBy(position => position % count).OrderBy(group => group.Key))
        {
            int given = Array.IndexOf(residues, shard.Key);
            string name = $"shard {shard.Key + 1}/{count}";
            parts.Add(given < 0
                ? $"{name} was not given (no --merge folder holds its trials)"
                : $"{name} ({folders[given]}) is unfinished: {shard.Count()} of its {shard.Count() + held[given].Length} trials are missing");
        }

        return $"Judging by the trials the folders hold, the run was split into {count} shard(s): {string.Join("; ", parts)}. ";
    }

    private static int Gcd(int a, int b)
    {
        (a, b) = (Math.Abs(a), Math.Abs(b));
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
