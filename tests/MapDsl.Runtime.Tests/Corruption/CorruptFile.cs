namespace MapDsl.Runtime.Tests.Corruption;

/// <summary>
/// Runs a reader over damaged files and checks the guarantee every reader gives: the read either succeeds (only where
/// the damage can leave a valid file, e.g. a changed pixel) or throws the format's own exception, naming the file and
/// the place; never another exception type, never a hang, and the file on disk keeps its bytes and its timestamp.
/// </summary>
/// <typeparam name="TError">The format's exception.</typeparam>
internal sealed class CorruptFile<TError> : IDisposable
    where TError : Exception
{
    // An arbitrary time in the past, so that any write by the reader would show as a change.
    private static readonly DateTime Stamp = new(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);

    private readonly string _folder = Directory.CreateTempSubdirectory("mapdsl-corrupt-").FullName;

    /// <summary>Creates the checker.</summary>
    /// <param name="fileName">Name the damaged copies get, e.g. "images.gz".</param>
    /// <param name="read">Reads the file at the given path as the tool would.</param>
    /// <param name="pathOf">The file an exception names.</param>
    /// <param name="namesPlace">Whether an exception's message names where in the file the problem is.</param>
    public CorruptFile(string fileName, Action<string> read, Func<TError, string?> pathOf, Func<TError, bool> namesPlace)
    {
        FilePath = Path.Combine(_folder, fileName);
        Read = read;
        PathOf = pathOf;
        NamesPlace = namesPlace;
    }

    /// <summary>Where each damaged copy is written.</summary>
    public string FilePath { get; }

    /// <summary>The folder the copies are written in; readers that take a folder get this one.</summary>
    public string Folder => _folder;

    private Action<string> Read { get; }

    private Func<TError, string?> PathOf { get; }

    private Func<TError, bool> NamesPlace { get; }

    /// <summary>Counts of what the damaged copies gave, for the test to check that the matrix did exercise both outcomes.</summary>
    public int Rejected { get; private set; }

    /// <summary>Damaged copies that still read.</summary>
    public int Accepted { get; private set; }

    /// <summary>The messages of the rejections, for tests that look at their wording.</summary>
    public List<string> Messages { get; } = [];

    /// <summary>Checks the valid file reads, then every damage.</summary>
    /// <param name="valid">The valid file.</param>
    /// <param name="damages">The damaged copies.</param>
    /// <param name="mayRead">Whether a damage may leave a file that still reads; cuts never may.</param>
    public void Check(byte[] valid, IEnumerable<Damage> damages, Func<Damage, bool>? mayRead = null)
    {
        string current = "the valid file";
        Bounded.Run(() =>
        {
            AttemptHere(new Damage(current, valid, valid.Length, IsCut: false)).ShouldBeNull("the valid sample must read");
            foreach (Damage damage in damages)
            {
                current = damage.Name;
                TError? error = AttemptHere(damage);
                if (error is null)
                {
                    (!damage.IsCut && (mayRead?.Invoke(damage) ?? false)).ShouldBeTrue($"{damage.Name}: the damaged file was read without an error");
                    Accepted++;
                }
                else
                {
                    Rejected++;
                }
            }

            return true;
        }, () => current);
    }

    /// <summary>Writes <paramref name="damage"/> and reads it; returns the format's exception, or null if the read succeeded.</summary>
    public TError? Attempt(Damage damage) => Bounded.Run(() => AttemptHere(damage), () => damage.Name);

    private TError? AttemptHere(Damage damage)
    {
        File.WriteAllBytes(FilePath, damage.Bytes);
        File.SetLastWriteTimeUtc(FilePath, Stamp);
        try
        {
            Read(FilePath);
        }
        catch (TError error)
        {
            PathOf(error).ShouldBe(FilePath, $"{damage.Name}: the error must name the file ({error.Message})");
            NamesPlace(error).ShouldBeTrue($"{damage.Name}: the error must say where in the file: {error.Message}");
            Messages.Add(error.Message);
            Unchanged(damage);
            return error;
        }
        catch (Exception other) when (other is not ShouldAssertException)
        {
            throw new ShouldAssertException($"{damage.Name}: {other.GetType().Name} instead of {typeof(TError).Name}: {other}");
        }

        Unchanged(damage);
        return null;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private void Unchanged(Damage damage)
    {
        File.ReadAllBytes(FilePath).AsSpan().SequenceEqual(damage.Bytes).ShouldBeTrue($"{damage.Name}: the reader changed the file");
        File.GetLastWriteTimeUtc(FilePath).ShouldBe(Stamp, $"{damage.Name}: the reader touched the file");
    }
}
