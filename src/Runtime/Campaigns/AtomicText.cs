using MapDsl.Runtime.IO;
using System.Text;

namespace MapDsl.Runtime.Campaigns;

/// <summary>
/// Replaces a text file all at once: the text goes to a temporary file in the same folder (so the final move is a
/// rename on one volume), which then replaces the target. A reader, or a plot script watching the folder, sees the old
/// file or the new one, never a partial one, and a failure leaves no temporary file behind. (Text on top of
/// <see cref="AtomicFile"/>.)
/// </summary>
internal static class AtomicText
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static void Write(string path, string text) => AtomicFile.Write(path, stream => stream.Write(Utf8.GetBytes(text)));
}
