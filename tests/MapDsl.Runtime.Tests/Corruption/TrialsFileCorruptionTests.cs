using System.Text;
using MapDsl.Runtime.Campaigns;

namespace MapDsl.Runtime.Tests.Corruption;

/// <summary>
/// The corrupt-file matrix for <c>trials.csv</c>. Opening it to resume a campaign either reads it, repairing nothing
/// but a torn last line (the only change it ever makes to the file), or fails with
/// <see cref="CampaignFileException"/> naming the file and the damaged line and leaves the file as it was; merging
/// shards (<see cref="TrialsFile.ReadRows"/>) never changes a file at all.
/// </summary>
public sealed class TrialsFileCorruptionTests : IDisposable
{
    private static readonly CampaignConfiguration Differential = new("DM", "differential", 0.8);
    private static readonly DateTime Stamp = new(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);

    private readonly string _folder = Directory.CreateTempSubdirectory("mapdsl-corrupt-trials-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Opening_a_cut_or_flipped_file_repairs_only_a_torn_last_line_and_otherwise_names_the_line()
    {
        byte[] bytes = ValidFile();
        string path = Path.Combine(_folder, "trials.csv");
        int repaired = 0;
        int rejected = 0;
        string current = "the valid file";

        Bounded.Run(() =>
        {
            foreach (Damage damage in Damage.Truncations(bytes).Concat(Damage.BitFlips(bytes)))
            {
                File.WriteAllBytes(path, damage.Bytes);
                File.SetLastWriteTimeUtc(path, Stamp);
                current = damage.Name;
                int rows;
                try
                {
                    using TrialsFile file = TrialsFile.Open(path, TrialColumns.StuckCells);
                    rows = file.Count;
                }
                catch (CampaignFileException error)
                {
                    error.Path.ShouldBe(path, damage.Name);
                    int damagedLine = 1 + damage.Bytes.AsSpan(0, damage.At).Count((byte)'\n');
                    (error.Line == damagedLine || error.Problem.Contains($"line {damagedLine} ", StringComparison.Ordinal))
                        .ShouldBeTrue($"{damage.Name}: the damage is on line {damagedLine}, the error says {error.Message}");
                    Unchanged(path, damage);
                    rejected++;
                    continue;
                }

                int complete = damage.Bytes.AsSpan().LastIndexOf((byte)'\n') + 1;
                byte[] now = File.ReadAllBytes(path);
                if (complete == 0)
                {
                    // Empty, or killed while writing the header: the only other repair, which writes the header whole.
                    Encoding.UTF8.GetString(now).ShouldBe(TrialColumns.StuckCells.Header + "\n", damage.Name);
                    TrialColumns.StuckCells.Header.StartsWith(Encoding.UTF8.GetString(damage.Bytes), StringComparison.Ordinal).ShouldBeTrue(damage.Name);
                }
                else if (complete == damage.Bytes.Length)
                {
                    Unchanged(path, damage);
                    rows.ShouldBe(damage.Bytes.Count(b => b == (byte)'\n') - 1, damage.Name);
                }
                else
                {
                    now.ShouldBe(damage.Bytes[..complete], $"{damage.Name}: only the torn last line may be cut off");
                    repaired++;
                }
            }

            return true;
        }, () => current);

        repaired.ShouldBeGreaterThan(bytes.Length / 2);
        rejected.ShouldBeGreaterThan(bytes.Length);
    }

    [Fact]
    public void Reading_cut_or_flipped_shard_files_for_a_merge_changes_nothing()
    {
        byte[] bytes = ValidFile();
        using var file = new CorruptFile<CampaignFileException>("trials.csv", path => TrialsFile.ReadRows(path), error => error.Path, error => error.Line >= 1);

        // A torn last line is what a killed shard leaves; the merge ignores it (and then finds the trial missing).
        file.Check(bytes, Damage.Truncations(bytes).Select(cut => cut with { IsCut = false }).Concat(Damage.BitFlips(bytes)), _ => true);

        file.Rejected.ShouldBeGreaterThan(bytes.Length);
    }

    [Theory]
    [InlineData("DM,differential,0.8,0.01,0,1,NaN", "malformed row")]
    [InlineData("DM,differential,0.8,0.01,0,1,1.5", "malformed row")]
    [InlineData("DM,differential,0.8,NaN,0,1,0.5", "malformed row")]
    [InlineData("DM,differential,0.8,0.01,0,1", "malformed row")]
    [InlineData("DM,differential,0.8,0.01,0,1,0.5,7", "malformed row")]
    [InlineData("DM,differential,0.8,0.001,0,2,0.25", "was already recorded at line 4")]
    public void A_bad_complete_row_names_its_line_and_the_file_is_left_alone(string row, string problem)
    {
        string path = Path.Combine(_folder, "trials.csv");
        byte[] bytes = [.. ValidFile(), .. Encoding.UTF8.GetBytes(row + "\n"), .. Encoding.UTF8.GetBytes("DM,differential,0.8,0.1,0,9,0.1\n")];
        File.WriteAllBytes(path, bytes);
        File.SetLastWriteTimeUtc(path, Stamp);

        var error = Should.Throw<CampaignFileException>(() => TrialsFile.Open(path, TrialColumns.StuckCells));

        (error.Path, error.Line).ShouldBe((path, 6));
        error.Problem.ShouldContain(problem);
        Unchanged(path, new Damage(row, bytes, 0, IsCut: false));
    }

    private static byte[] ValidFile()
    {
        var text = new StringBuilder(TrialColumns.StuckCells.Header).Append('\n');
        foreach ((Trial trial, double accuracy) in new[]
        {
            (Trial.Baseline(Differential), 0.9063),
            (new Trial(Differential, 0.001, 0, 1), 0.9),
            (new Trial(Differential, 0.001, 0, 2), 0.875),
            (new Trial(Differential, 0.01, 0.002, 1), 1 / 3.0),
        })
        {
            text.Append(TrialColumns.StuckCells.Line(trial, accuracy)).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static void Unchanged(string path, Damage damage)
    {
        File.ReadAllBytes(path).ShouldBe(damage.Bytes, $"{damage.Name}: the file was changed");
        File.GetLastWriteTimeUtc(path).ShouldBe(Stamp, $"{damage.Name}: the file was touched");
    }
}
