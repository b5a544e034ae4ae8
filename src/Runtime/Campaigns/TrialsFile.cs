using MapDsl.Runtime.IO;
using System.Text;

namespace MapDsl.Runtime.Campaigns;

/// <summary>
/// The file <c>trials.csv</c>: one row per finished evaluation, appended as soon as it finishes, so that a campaign
/// can be stopped at any moment and resumed. Its columns come from the campaign (<see cref="TrialColumns"/>): for stuck
/// cells the header is <c>mapping,scheme,sparsity,stuck_on_rate,stuck_off_rate,chip,accuracy</c>, and a plan with
/// bit flips or PE faults adds <c>bit_flip_rate</c> and <c>pe_rate</c>; lines end with <c>\n</c>, numbers are written
/// in invariant round-trip form, so a row read back is the same <see cref="Trial"/> and accuracy.
/// </summary>
/// <remarks>
/// Opening reads the rows already there. A last line without its line end is what a killed process leaves behind
/// mid-write; it is dropped and the file truncated to its last complete line (the trial is simply run again). Anything
/// else that is wrong (a different header, a malformed complete row) throws <see cref="CampaignFileException"/> with
/// the line, and the file is left untouched: a campaign never overwrites data it does not understand. The file is
/// opened exclusively, so two processes cannot append to the same file; give each shard its own file and merge them
/// with <see cref="ReadRows"/>.
/// </remarks>
public sealed class TrialsFile : IDisposable
{
    /// <summary>The header line of a stuck-cell campaign (<see cref="TrialColumns.StuckCells"/>), without its line end.</summary>
    public const string Header = "mapping,scheme,sparsity,stuck_on_rate,stuck_off_rate,chip,accuracy";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Lock _gate = new();
    private readonly FileStream _stream;
    private readonly Dictionary<Trial, double> _accuracies;
    private readonly List<TrialRow> _rows;

    private TrialsFile(string path, FileStream stream, TrialColumns columns, List<TrialRow> rows, string? droppedLine)
    {
        Path = path;
        Columns = columns;
        _stream = stream;
        _rows = rows;
        _accuracies = rows.ToDictionary(row => row.Trial, row => row.Accuracy);
        DroppedLine = droppedLine;
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    /// <summary>The file's columns: from its header, or those it was created with.</summary>
    public TrialColumns Columns { get; }

    /// <summary>The torn last line that opening dropped, or null if the file ended cleanly (for a log message).</summary>
    public string? DroppedLine { get; }

    /// <summary>Number of rows: those read when opening plus those appended since.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _rows.Count;
            }
        }
    }

    /// <summary>
    /// Opens <paramref name="path"/> for appending, creating it with its header if it does not exist or is empty.
    /// </summary>
    /// <param name="path">The file; its folder must exist.</param>
    /// <param name="columns">
    /// The campaign's columns (<see cref="CampaignPlan.Columns"/>): a new file gets them, an existing one must have them.
    /// Null takes an existing file's own columns, or stuck cells for a new one.
    /// </param>
    /// <returns>The open file; dispose it to close.</returns>
    /// <exception cref="CampaignFileException">The file is not a trials file or has a malformed row.</exception>
    /// <exception cref="IOException">The file cannot be opened, e.g. another process has it open.</exception>
    public static TrialsFile Open(string path, TrialColumns? columns = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        TrialColumns wanted = columns ?? TrialColumns.StuckCells;
        string fullPath = System.IO.Path.GetFullPath(path);
        FileStream stream;
        try
        {
            stream = new FileStream(fullPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException busy) when (SharingViolation.Is(busy))
        {
            throw new IOException($"{fullPath} is open in another process, which appends trials to it: a trials file has one writer at a time. Give each process its own file (each shard its own output folder), or wait for the other one to finish.", busy);
        }

        try
        {
            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            string? dropped = null;
            List<TrialRow> rows;
            int complete = bytes.AsSpan().LastIndexOf((byte)'\n') + 1;
            if (complete == 0 && IsHeaderPrefix(bytes, wanted.Header))
            {
                // Empty, or killed while writing the header: start over with a header.
                dropped = bytes.Length == 0 ? null : Utf8.GetString(bytes);
                stream.SetLength(0);
                stream.Write(Utf8.GetBytes(wanted.Header + "\n"));
                stream.Flush();
                rows = [];
            }
            else
            {
                string text = Decode(bytes, fullPath);
                int torn = text.LastIndexOf('\n') + 1;
                rows = Parse(text, fullPath, torn == 0 ? text.Length : torn, columns, out _, out wanted);
                if (torn < text.Length && torn > 0)
                {
                    dropped = text[torn..];
                    stream.SetLength(complete);
                }
            }

            stream.Seek(0, SeekOrigin.End);
            return new TrialsFile(fullPath, stream, wanted, rows, dropped);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads and merges the rows of one or more trials files (e.g. one per shard), without changing them. A torn last
    /// line is ignored, as <see cref="Open"/> would. The same trial in two places with the same accuracy is kept once;
    /// with different accuracies it is an error, because a deterministic worker cannot produce both.
    /// </summary>
    /// <param name="paths">The files.</param>
    /// <returns>The distinct rows, in file order, first occurrence first.</returns>
    /// <exception cref="CampaignFileException">A file is malformed, or two rows of the same trial disagree; the message names both files and lines.</exception>
    public static IReadOnlyList<TrialRow> ReadRows(params string[] paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var merged = new List<TrialRow>();
        var firstSeen = new Dictionary<Trial, (double Accuracy, string Path, int Line)>();
        foreach (string path in paths)
        {
            ArgumentException.ThrowIfNullOrEmpty(path, nameof(paths));
            string fullPath = System.IO.Path.GetFullPath(path);
            string text = Decode(ReadWhole(fullPath), fullPath);
            int end = text.LastIndexOf('\n') + 1;
            List<TrialRow> rows = Parse(text, fullPath, end == 0 ? text.Length : end, null, out List<int> lines, out _);
            for (int i = 0; i < rows.Count; i++)
            {
                TrialRow row = rows[i];
                if (firstSeen.TryGetValue(row.Trial, out var first))
                {
                    if (first.Accuracy != row.Accuracy)
                    {
                        throw new CampaignFileException(fullPath, lines[i],
                            $"the trial {row.Trial} has accuracy {RateText.Format(row.Accuracy)} here but {RateText.Format(first.Accuracy)} in {first.Path}, line {first.Line}; a deterministic campaign cannot give both, so the files come from different setups.");
                    }

                    continue;
                }

                firstSeen.Add(row.Trial, (row.Accuracy, fullPath, lines[i]));
                merged.Add(row);
            }
        }

        return merged;
    }

    /// <summary>
    /// Writes <paramref name="rows"/> as a complete trials file, atomically (temporary file, then rename), e.g. the
    /// merged rows of several shards. The rows keep their order; each trial may appear once.
    /// </summary>
    /// <param name="path">Target file; replaced if it exists.</param>
    /// <param name="rows">The rows.</param>
    /// <param name="columns">The columns; null for the fewest that hold every row (<see cref="TrialColumns.Covering"/>).</param>
    /// <exception cref="ArgumentException">A trial appears twice.</exception>
    public static void WriteAll(string path, IEnumerable<TrialRow> rows, TrialColumns? columns = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        List<TrialRow> all = [.. rows];
        TrialColumns format = columns ?? TrialColumns.Covering(all.Where(r => r is not null));
        var text = new StringBuilder(format.Header).Append('\n');
        var seen = new HashSet<Trial>();
        foreach (TrialRow row in all)
        {
            ArgumentNullException.ThrowIfNull(row, nameof(rows));
            if (!seen.Add(row.Trial))
            {
                throw new ArgumentException($"The trial {row.Trial} appears twice; a trials file records each trial once.", nameof(rows));
            }

            text.Append(format.Line(row.Trial, row.Accuracy)).Append('\n');
        }

        AtomicFile.WriteText(path, text.ToString());
    }

    /// <summary>Whether the file has a row for <paramref name="trial"/> (exact match of every key field).</summary>
    /// <param name="trial">The trial.</param>
    /// <returns>True if it was read or appended.</returns>
    public bool Contains(Trial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        lock (_gate)
        {
            return _accuracies.ContainsKey(trial);
        }
    }

    /// <summary>The accuracy recorded for <paramref name="trial"/>, if any.</summary>
    /// <param name="trial">The trial.</param>
    /// <param name="accuracy">The accuracy, or 0 when not found.</param>
    /// <returns>True if the file has the trial.</returns>
    public bool TryGetAccuracy(Trial trial, out double accuracy)
    {
        ArgumentNullException.ThrowIfNull(trial);
        lock (_gate)
        {
            return _accuracies.TryGetValue(trial, out accuracy);
        }
    }

    /// <summary>A snapshot of the rows: those read when opening, then those appended, in file order.</summary>
    /// <returns>The rows.</returns>
    public IReadOnlyList<TrialRow> Rows()
    {
        lock (_gate)
        {
            return [.. _rows];
        }
    }

    /// <summary>
    /// Appends the row of a finished trial and flushes it to the operating system at once, so that stopping the
    /// process (Ctrl-C, kill) loses no finished trial. Safe to call from several threads; each row is written whole.
    /// </summary>
    /// <param name="trial">The trial; it must not be in the file yet.</param>
    /// <param name="accuracy">Its test accuracy, a fraction in [0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">The accuracy is not a fraction.</exception>
    /// <exception cref="InvalidOperationException">The trial is already in the file.</exception>
    /// <exception cref="ObjectDisposedException">The file is closed.</exception>
    public void Append(Trial trial, double accuracy)
    {
        var row = new TrialRow(trial, accuracy);
        byte[] line = Utf8.GetBytes(Columns.Line(row.Trial, row.Accuracy) + "\n");
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(!_stream.CanWrite, this);
            if (_accuracies.ContainsKey(row.Trial))
            {
                throw new InvalidOperationException($"{Path} already has a row for {row.Trial}; a trial is recorded once.");
            }

            // One write of the whole line, then a flush to the OS: a kill can tear at most this line, never an earlier one.
            _stream.Write(line);
            _stream.Flush(flushToDisk: false);
            _accuracies.Add(row.Trial, row.Accuracy);
            _rows.Add(row);
        }
    }

    /// <summary>Closes the file.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _stream.Dispose();
        }
    }

    private static byte[] ReadWhole(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (IOException busy) when (SharingViolation.Is(busy))
        {
            throw new IOException($"{path} is still being written by a running campaign (an unfinished shard?); read it once that run has finished.", busy);
        }
    }

    private static bool IsHeaderPrefix(byte[] bytes, string header) =>
        bytes.Length <= header.Length && Encoding.ASCII.GetBytes(header).AsSpan().StartsWith(bytes);

    private static string Decode(byte[] bytes, string path)
    {
        try
        {
            return Utf8.GetString(bytes);
        }
        catch (DecoderFallbackException invalid)
        {
            int offset = Math.Clamp(invalid.Index, 0, bytes.Length);
            int line = 1 + bytes.AsSpan(0, offset).Count((byte)'\n');
            throw new CampaignFileException(path, line, $"the file is not UTF-8 text (invalid byte at offset {offset}); it is not a trials file.");
        }
    }

    /// <summary>Parses the complete lines in text[..end]; rows with identical duplicates are kept once.</summary>
    private static List<TrialRow> Parse(string text, string path, int end, TrialColumns? expected, out List<int> lineNumbers, out TrialColumns columns)
    {
        string[] lines = text[..end].Split('\n');
        int count = end > 0 && text[end - 1] == '\n' ? lines.Length - 1 : lines.Length;
        TrialColumns? found = count == 0 ? null : TrialColumns.FromHeader(lines[0].TrimEnd('\r'));
        if (found is null)
        {
            string firstLine = count == 0 ? "nothing" : $"'{Shorten(lines[0].TrimEnd('\r'))}'";
            throw new CampaignFileException(path, 1, $"not a trials file: the first line must be a trials header such as '{(expected ?? TrialColumns.StuckCells).Header}', but it is {firstLine}. Use another file name, or move this file away.");
        }

        if (expected is not null && !found.Equals(expected))
        {
            throw new CampaignFileException(path, 1, $"this trials file has the columns '{found.Header}', but the campaign writes '{expected.Header}': it belongs to another campaign. Use another output folder, or move this file away.");
        }

        columns = found;

        var rows = new List<TrialRow>(count - 1);
        lineNumbers = new List<int>(count - 1);
        var first = new Dictionary<Trial, (double Accuracy, int Line)>();
        for (int i = 1; i < count; i++)
        {
            int line = i + 1;
            string content = lines[i].TrimEnd('\r');
            TrialRow row = columns.Parse(content, out string problem)
                ?? throw new CampaignFileException(path, line, $"malformed row: {problem}");
            if (first.TryGetValue(row.Trial, out var earlier))
            {
                if (earlier.Accuracy != row.Accuracy)
                {
                    throw new CampaignFileException(path, line, $"the trial {row.Trial} was already recorded at line {earlier.Line} with accuracy {RateText.Format(earlier.Accuracy)}, and has {RateText.Format(row.Accuracy)} here.");
                }

                continue;
            }

            first.Add(row.Trial, (row.Accuracy, line));
            rows.Add(row);
            lineNumbers.Add(line);
        }

        return rows;
    }

    private static string Shorten(string line) => line.Length <= 80 ? line : line[..80] + "...";
}
