using System.Text;

namespace MapDsl.Runtime.Campaigns;

/// <summary>
/// Replaces a text file all at once: the text goes to a temporary file in the same folder (so the final move is a
/// rename on one volume), which then replaces the target. A reader, or a plot script watching the folder, sees the old
/// file or the new one, never a partial one, and a failure leaves no temporary file behind. (The same pattern as
/// Interchange's AtomicFile, kept here so that Campaigns depends on no other folder for it.)
/// </summary>
internal static class AtomicText
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static void Write(string path, string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string target = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(target) ?? throw new ArgumentException($"'{path}' names no file.", nameof(path));
        string temporary = Path.Combine(folder, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(Utf8.GetBytes(text));
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
