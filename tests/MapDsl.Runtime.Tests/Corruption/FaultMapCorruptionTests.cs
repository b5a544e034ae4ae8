using System.Text;
using MapDsl.Runtime.Faults.Files;
using MapDsl.Runtime.Tests.Faults.Files;

namespace MapDsl.Runtime.Tests.Corruption;

/// <summary>
/// The corrupt-file matrix for fault map files on disk: every cut, every single-bit flip, a shape that belongs to
/// another mapping and rates that are not finite numbers (those two with a correct checksum, as a script would write
/// them). Each fails with <see cref="FaultMapFormatException"/> naming the file and the line; the only flips that still
/// load are those that change a hex letter of the checksum to upper case, which the format accepts.
/// </summary>
public sealed class FaultMapCorruptionTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Fault_map_files_cut_or_flipped_anywhere_fail_with_the_file_and_line(bool systolic)
    {
        string text = FaultMapTexts.WithChecksum(systolic ? FaultMapTexts.SystolicLines : FaultMapTexts.CrossbarLines);
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        int lines = text.Count(c => c == '\n');
        using var file = Checker(systolic ? FaultMapTexts.Systolic : FaultMapTexts.Crossbar, lines);

        int hexDigits = bytes.Length - 65; // the 64 digits end the file, before its last newline
        file.Check(bytes, Damage.Truncations(bytes).Concat(Damage.BitFlips(bytes)), damage =>
            damage.At >= hexDigits && bytes[damage.At] is >= (byte)'a' and <= (byte)'f' && (bytes[damage.At] ^ damage.Bytes[damage.At]) == 0x20);

        file.Accepted.ShouldBe(text[^65..].Count(c => c is >= 'a' and <= 'f'));
    }

    [Theory]
    [InlineData("rates stuck-on NaN stuck-off 0 bit-flip 0 pe 0", "malformed number 'NaN' for the stuck-on rate")]
    [InlineData("rates stuck-on 0 stuck-off Infinity bit-flip 0 pe 0", "malformed number 'Infinity' for the stuck-off rate")]
    [InlineData("rates stuck-on 0 stuck-off 0 bit-flip 1e999 pe 0", "malformed number '1e999' for the bit-flip rate")]
    [InlineData("shape crossbar 4 x 6", "shape")]
    [InlineData("shape systolic 4 x 5", "shape")]
    public void A_checksummed_file_with_a_bad_value_names_its_line(string line4, string problem)
    {
        string valid = FaultMapTexts.WithChecksum(FaultMapTexts.CrossbarLines);
        string[] lines = line4.StartsWith("rates", StringComparison.Ordinal)
            ? FaultMapTexts.Edit(FaultMapTexts.CrossbarLines, 4, line4 + "\n" + FaultMapTexts.CrossbarLines[3])
            : FaultMapTexts.Edit(FaultMapTexts.CrossbarLines, 4, line4);
        using var file = Checker(FaultMapTexts.Crossbar, lines.Length + 1);

        FaultMapFormatException? error = file.Attempt(Damage.Replaced(line4, Encoding.UTF8.GetBytes(valid), Encoding.UTF8.GetBytes(FaultMapTexts.WithChecksum(lines))));

        error.ShouldNotBeNull().Line.ShouldBe(4);
        error.Problem.ShouldContain(problem);
    }

    private static CorruptFile<FaultMapFormatException> Checker(MapDsl.Runtime.Faults.MappingShape shape, int lines) =>
        new("chip.faults", path => FaultMapFile.Load(path, shape), error => error.Path, error => error.Line >= 1 && error.Line <= lines + 1);
}
