namespace MapDsl.Runtime.Interchange;

/// <summary>
/// Recognises files people pass by mistake (a <c>torch.save</c> checkpoint, an <c>.npz</c>, the other interchange
/// format), so the error can say what the file is and what to do instead of only that the header is wrong.
/// </summary>
internal static class ForeignFormats
{
    private static ReadOnlySpan<byte> ZipMagic => [(byte)'P', (byte)'K', 3, 4];

    /// <summary>A sentence naming what <paramref name="start"/> (the first bytes of a file) looks like, or null.</summary>
    public static string? Recognise(ReadOnlySpan<byte> start)
    {
        if (start.StartsWith(ZipMagic))
        {
            return "It is a zip archive, as torch.save and np.savez write: in Python, save the tensors with safetensors.torch.save_file, or each array with np.save.";
        }

        if (start.Length >= 2 && start[0] == 0x80 && start[1] is >= 2 and <= 5)
        {
            return "It is a Python pickle, as older torch.save writes: in Python, load it and save the tensors with safetensors.torch.save_file.";
        }

        if (start.StartsWith(NpyPreamble.Magic))
        {
            return "It is an .npy array: read it with Npy.Read.";
        }

        return null;
    }
}
