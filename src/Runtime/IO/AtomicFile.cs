namespace MapDsl.Runtime.IO;

/// <summary>
/// Replaces a file all at once: the bytes go to a temporary file in the same folder (so the final move is a rename on
/// one volume), which then replaces the target. Readers see the old file or the new one, never a partial one, and a
/// failure leaves no temporary file behind.
/// </summary>
public static class AtomicFile
{
    private static readonly System.Text.UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Replaces <paramref name="path"/> with <paramref name="text"/> as UTF-8 without a byte-order mark.</summary>
    /// <param name="path">The file.</param>
    /// <param name="text">Its new contents.</param>
    public static void WriteText(string path, string text) => Write(path, stream => stream.Write(Utf8.GetBytes(text)));

    /// <summary>Replaces <paramref name="path"/> with what <paramref name="write"/> writes to a temporary file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="write">Writes the new contents.</param>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string target = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(target) ?? throw new ArgumentException($"'{path}' names no file.", nameof(path));
        string temporary = Path.Combine(folder, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }

            throw;
        }
    }
}
