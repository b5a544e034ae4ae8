using System.Text;
using MapDsl.Runtime.Faults.Files;

namespace MapDsl.Runtime.Tests.Faults.Files;

/// <summary>Damaged copies of a small valid file: each fails with <see cref="FaultMapFormatException"/>, never anything else.</summary>
public sealed class FaultMapFileDamageTests
{
    public static TheoryData<string> Files => new()
    {
        FaultMapTexts.WithChecksum(FaultMapTexts.CrossbarLines),
        FaultMapTexts.WithChecksum(FaultMapTexts.SystolicLines),
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_truncated_copy_fails_cleanly(string text)
    {
        var shape = text.Contains("mapping DM", StringComparison.Ordinal) ? FaultMapTexts.Crossbar : FaultMapTexts.Systolic;
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        FaultMapFile.Load(new MemoryStream(bytes), shape).ShouldNotBeNull();

        for (int cut = 0; cut < bytes.Length; cut++)
        {
            byte[] prefix = bytes[..cut];
            var error = Should.Throw<FaultMapFormatException>(() => FaultMapFile.Load(new MemoryStream(prefix), shape), $"cut at byte {cut}");
            error.Line.ShouldBeInRange(1, text.Count(c => c == '\n') + 1);
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_single_byte_change_fails_cleanly(string text)
    {
        var shape = text.Contains("mapping DM", StringComparison.Ordinal) ? FaultMapTexts.Crossbar : FaultMapTexts.Systolic;
        byte[] bytes = Encoding.UTF8.GetBytes(text);

        foreach (byte replacement in new byte[] { (byte)'0', (byte)'#', (byte)' ', (byte)'\n', 0xC3 })
        {
            for (int at = 0; at < bytes.Length; at++)
            {
                if (bytes[at] == replacement)
                {
                    continue;
                }

                byte[] damaged = (byte[])bytes.Clone();
                damaged[at] = replacement;
                Should.Throw<FaultMapFormatException>(() => FaultMapFile.Load(new MemoryStream(damaged), shape), $"byte {at} set to {replacement}");
            }
        }
    }
}
