using MapDsl.Runtime.Interchange;

namespace MapDsl.Runtime.Tests.Interchange;

/// <summary>Cut-off and damaged copies of small valid files fail with <see cref="InterchangeFormatException"/>, never anything else.</summary>
public sealed class TruncationTests
{
    public static TheoryData<string> Formats => new() { "safetensors", "npy-f4", "npy-empty", "npy-v2-u1" };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Every_cut_point_fails_cleanly(string format)
    {
        byte[] file = Build(format);
        Read(format, file); // the whole file is valid

        for (int cut = 0; cut < file.Length; cut++)
        {
            byte[] prefix = file[..cut];
            Should.Throw<InterchangeFormatException>(() => Read(format, prefix), $"cut at byte {cut} of {file.Length}");
        }
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Every_single_byte_change_reads_or_fails_cleanly(string format)
    {
        byte[] file = Build(format);
        foreach (byte replacement in new byte[] { 0x00, 0xFF, (byte)'{', (byte)'"', (byte)' ', (byte)'9', 0x93 })
        {
            for (int at = 0; at < file.Length; at++)
            {
                byte[] damaged = (byte[])file.Clone();
                damaged[at] = replacement;
                try
                {
                    Read(format, damaged);
                }
                catch (InterchangeFormatException)
                {
                }
            }
        }
    }

    private static byte[] Build(string format)
    {
        using var stream = new MemoryStream();
        switch (format)
        {
            case "safetensors":
                SafeTensors.Write(stream, [new NamedTensor("a", [2], [1f, 2f]), new NamedTensor("s", [], [3f]), new NamedTensor("e", [0], [])],
                    new Dictionary<string, string> { ["format"] = "pt" });
                return stream.ToArray();
            case "npy-f4":
                Npy.Write(stream, new NamedTensor("x", [2, 2], [1f, 2f, 3f, 4f]));
                return stream.ToArray();
            case "npy-empty":
                Npy.Write(stream, new NamedTensor("x", [3, 0], []));
                return stream.ToArray();
            default:
                return InterchangeBytes.Npy(2, InterchangeBytes.NpyHeader("|u1", "(3,)", major: 2), [7, 8, 9]);
        }
    }

    private static void Read(string format, byte[] file)
    {
        if (format == "safetensors")
        {
            SafeTensors.Read(new MemoryStream(file));
        }
        else
        {
            Npy.Read(new MemoryStream(file), "x");
        }
    }
}
