using System.Text;
using MapDsl.Runtime.Faults.Files;

namespace MapDsl.Runtime.Tests.Faults.Files;

/// <summary>
/// Every kind of bad file fails with <see cref="FaultMapFormatException"/>, the line of the problem and a message that
/// names it. Content edits get a fresh, correct checksum, so the content check (not the checksum) must catch them.
/// </summary>
public sealed class FaultMapFileErrorTests
{
    [Theory]
    // magic and version
    [InlineData(1, "mapdsl-faultmep 1", 1, "not a MapDsl fault map: the first line must be 'mapdsl-faultmap 1', but it is 'mapdsl-faultmep 1'")]
    [InlineData(1, "mapdsl-faultmap 2", 1, "unsupported fault map version 2: this MapDsl reads version 1 only")]
    [InlineData(1, "mapdsl-faultmap one", 1, "not a MapDsl fault map")]
    // keywords and words
    [InlineData(6, "cel 0 1 2 stuck-on", 6, "unknown keyword 'cel'")]
    [InlineData(6, "cell 0 1 stuck-on", 6, "malformed 'cell' line 'cell 0 1 stuck-on': expected 'cell <tile> <row> <column> <stuck-on|stuck-off>'")]
    [InlineData(5, "layer c1 tile 1 weights 20 bits 4", 5, "expected 'layer <name> tiles <count> weights <count> bits <count>'")]
    [InlineData(4, "shape crossbar 4 by 5", 4, "expected 'shape <crossbar|systolic> <rows> x <columns>'")]
    // numbers
    [InlineData(6, "cell 0 x 2 stuck-on", 6, "malformed number 'x' for the row: expected a whole number from 0 to 2147483647")]
    [InlineData(7, "bit -1 3", 7, "malformed number '-1' for the weight")]
    [InlineData(7, "bit +1 3", 7, "malformed number '+1' for the weight")]
    [InlineData(6, "cell 0 99999999999 2 stuck-on", 6, "malformed number '99999999999' for the row")]
    [InlineData(3, "seed -4", 3, "malformed number '-4' for the seed")]
    [InlineData(3, "rates stuck-on x stuck-off 0 bit-flip 0 pe 0", 3, "malformed number 'x' for the stuck-on rate")]
    [InlineData(3, "rates stuck-on 0.7 stuck-off 0.7 bit-flip 0 pe 0", 3, "invalid rates: StuckOn + StuckOff must be at most 1")]
    [InlineData(3, "rates stuck-on 0 stuck-off 0 bit-flip 2 pe 0", 3, "invalid rates: The BitFlip fault rate must be a probability in [0, 1]")]
    // fault kinds
    [InlineData(6, "cell 0 1 2 stuck-at-1", 6, "unknown fault kind 'stuck-at-1': a cell is 'stuck-on' or 'stuck-off'")]
    // the mapping: name, shape, layers
    [InlineData(2, "mapping Other", 2, "mapping name mismatch: the file is for mapping 'Other', but mapping 'DM' was expected")]
    [InlineData(4, "shape crossbar 5 x 4", 4, "shape mismatch: the file is for a crossbar 5 x 4, but mapping 'DM' uses a crossbar 4 x 5")]
    [InlineData(4, "shape systolic 4 x 5", 4, "shape mismatch: the file is for a systolic 4 x 5")]
    [InlineData(4, "shape mesh 4 x 5", 4, "unknown array kind 'mesh'")]
    [InlineData(5, "layer c9 tiles 1 weights 20 bits 4", 5, "layer 1 is 'c9' here, but 'c1' in mapping 'DM' (layers in order: c1, c2)")]
    [InlineData(5, "layer c2 tiles 2 weights 30 bits 0", 5, "layer 1 is 'c2' here, but 'c1'")]
    [InlineData(5, "layer c1 tiles 2 weights 20 bits 4", 5, "layer 'c1' has tiles 2 here, but tiles 1 in mapping 'DM'")]
    [InlineData(5, "layer c1 tiles 1 weights 21 bits 4", 5, "layer 'c1' has weights 21 here, but weights 20")]
    [InlineData(5, "layer c1 tiles 1 weights 20 bits 8", 5, "layer 'c1' has bits 8 here, but bits 4")]
    [InlineData(9, "cell 1 3 4 stuck-off\nlayer c3 tiles 1 weights 1 bits 0", 10, "layer 'c3' is one too many: mapping 'DM' has 2 layers (c1, c2)")]
    [InlineData(8, "", 8, "layer 'c1': the stuck cell at tile 1, row 3, column 4 is outside the layer's 1 tiles")] // c2's cell now belongs to c1
    // positions out of range
    [InlineData(6, "cell 1 1 2 stuck-on", 6, "layer 'c1': the stuck cell at tile 1, row 1, column 2 is outside the layer's 1 tiles (valid: 0..0)")]
    [InlineData(6, "cell 0 4 2 stuck-on", 6, "is outside the tile's 4 rows (valid: 0..3)")]
    [InlineData(6, "cell 0 1 5 stuck-on", 6, "is outside the tile's 5 columns (valid: 0..4)")]
    [InlineData(7, "bit 20 3", 7, "layer 'c1': the flipped bit 3 of weight 20 is outside the layer's 20 weights")]
    [InlineData(7, "bit 17 4", 7, "is outside its 4-bit code (valid bits: 0..3, 0 = least significant)")]
    [InlineData(9, "bit 3 0", 9, "layer 'c2': the flipped bit 0 of weight 3 cannot exist: the layer's weights are not quantized")]
    [InlineData(9, "cell 1 3 4 stuck-off\npe 0 0", 10, "the fault map bypasses 1 PEs, but the mapping is a crossbar mapping")]
    // duplicates and contradictions
    [InlineData(6, "cell 0 1 2 stuck-on\ncell 0 1 2 stuck-on", 7, "layer 'c1': the cell at tile 0, row 1, column 2 is listed twice (first at line 6)")]
    [InlineData(6, "cell 0 1 2 stuck-on\ncell 0 1 2 stuck-off", 7, "is stuck-on at line 6 and stuck-off here; a cell is stuck one way only")]
    [InlineData(7, "bit 17 3\nbit 17 3", 8, "layer 'c1': bit 3 of weight 17 is listed twice (first at line 7)")]
    // structure
    [InlineData(4, "shape crossbar 4 x 5\ncell 0 0 0 stuck-on", 5, "a 'cell' line before the first layer line")]
    [InlineData(2, "", 4, "the header has no 'mapping <name>' line; it must come before the first 'layer' line")]
    [InlineData(4, "", 4, "the header has no 'shape <crossbar|systolic> <rows> x <columns>' line")]
    [InlineData(7, "bit 17 3\nrates stuck-on 0 stuck-off 0 bit-flip 0 pe 0", 8, "'rates' belongs to the header, before the first layer line")]
    [InlineData(3, "mapping DM", 3, "a second 'mapping' line; the first is at line 2")]
    public void A_bad_crossbar_file_names_the_line_and_the_problem(int line, string replacement, int expectedLine, string problem)
    {
        string text = FaultMapTexts.WithChecksum(FaultMapTexts.Edit(FaultMapTexts.CrossbarLines, line, replacement));

        FaultMapFormatException error = FaultMapTexts.LoadFails(text, FaultMapTexts.Crossbar);

        error.Line.ShouldBe(expectedLine, error.Message);
        error.Problem.ShouldContain(problem, Case.Sensitive);
        error.Message.ShouldBe($"line {expectedLine}: {error.Problem}");
        error.Path.ShouldBeNull();
    }

    [Theory]
    [InlineData(4, "layer f1 tiles 2 weights 10 bits 8\ncell 0 0 0 stuck-on", 5, "layer 'f1' has 1 stuck cells, but the mapping is systolic")]
    [InlineData(7, "pe 3 1", 7, "the bypassed PE at row 3, column 1 is outside the 3 x 3 systolic array's rows (valid: 0..2)")]
    [InlineData(7, "pe 2 9", 7, "is outside the 3 x 3 systolic array's columns")]
    [InlineData(7, "pe 2 1\npe 2 1", 8, "the PE at row 2, column 1 is listed twice (first at line 7)")]
    [InlineData(6, "pe 2 1\nlayer f2 tiles 1 weights 6 bits 8", 6, "layer count mismatch: the file lists 1 of the 2 layers of mapping 'SA' before its pe lines; missing: f2")]
    [InlineData(7, "pe 2 1\nbit 0 0", 8, "a 'bit' line after the pe lines")]
    public void A_bad_systolic_file_names_the_line_and_the_problem(int line, string replacement, int expectedLine, string problem)
    {
        string text = FaultMapTexts.WithChecksum(FaultMapTexts.Edit(FaultMapTexts.SystolicLines, line, replacement));

        FaultMapFormatException error = FaultMapTexts.LoadFails(text, FaultMapTexts.Systolic);

        error.Line.ShouldBe(expectedLine, error.Message);
        error.Problem.ShouldContain(problem, Case.Sensitive);
    }

    [Fact]
    public void Missing_layers_at_the_end_are_reported_at_the_checksum_line()
    {
        string text = FaultMapTexts.WithChecksum(FaultMapTexts.CrossbarLines[..7]);

        FaultMapFormatException error = FaultMapTexts.LoadFails(text, FaultMapTexts.Crossbar);

        error.Line.ShouldBe(8);
        error.Problem.ShouldBe("layer count mismatch: the file lists 1 of the 2 layers of mapping 'DM' before its checksum line; missing: c2.");
    }

    [Fact]
    public void A_changed_byte_fails_the_checksum_and_shows_both_hashes()
    {
        string text = FaultMapTexts.WithChecksum(FaultMapTexts.CrossbarLines);
        string changed = text.Replace("bit 17 3", "bit 16 3", StringComparison.Ordinal);
        string found = FaultMapTexts.Sha256(string.Concat(FaultMapTexts.CrossbarLines.Select(line => line + "\n")));
        string actual = FaultMapTexts.Sha256(changed[..changed.IndexOf("checksum", StringComparison.Ordinal)]);

        FaultMapFormatException error = FaultMapTexts.LoadFails(changed, FaultMapTexts.Crossbar);

        error.Line.ShouldBe(10);
        error.Problem.ShouldStartWith($"checksum mismatch: the file says sha256 {found}, but the content before the checksum line hashes to {actual}.");
    }

    [Theory]
    [InlineData("checksum sha256 abc", "malformed checksum line 'checksum sha256 abc': expected 'checksum sha256' and 64 hex digits")]
    [InlineData("checksum", "malformed checksum line")]
    [InlineData("checksum md5 0123456789abcdef0123456789abcdef", "unsupported checksum algorithm 'md5': version 1 uses 'sha256'")]
    public void A_malformed_checksum_line_is_named(string checksumLine, string problem)
    {
        string text = string.Concat(FaultMapTexts.CrossbarLines.Select(line => line + "\n")) + checksumLine + "\n";

        FaultMapFormatException error = FaultMapTexts.LoadFails(text, FaultMapTexts.Crossbar);

        error.Line.ShouldBe(10);
        error.Problem.ShouldContain(problem);
    }

    [Fact]
    public void A_file_without_a_checksum_line_is_reported_as_truncated()
    {
        string text = string.Concat(FaultMapTexts.CrossbarLines.Select(line => line + "\n"));

        FaultMapFormatException error = FaultMapTexts.LoadFails(text, FaultMapTexts.Crossbar);

        error.Line.ShouldBe(10);
        error.Problem.ShouldContain("the file has no checksum line after its 9 lines: it is truncated or was not finished");
    }

    [Fact]
    public void A_file_cut_inside_its_last_line_is_reported_as_truncated()
    {
        string text = FaultMapTexts.WithChecksum(FaultMapTexts.CrossbarLines).TrimEnd('\n');

        FaultMapFormatException error = FaultMapTexts.LoadFails(text, FaultMapTexts.Crossbar);

        error.Line.ShouldBe(10);
        error.Problem.ShouldContain("the file ends inside line 10, without a newline: it was cut short");
    }

    [Theory]
    [InlineData("# a note\n")]
    [InlineData("\n")]
    [InlineData("pe 0 0\n")]
    public void Nothing_may_follow_the_checksum_line(string extra)
    {
        string text = FaultMapTexts.WithChecksum(FaultMapTexts.CrossbarLines) + extra;

        FaultMapFormatException error = FaultMapTexts.LoadFails(text, FaultMapTexts.Crossbar);

        error.Line.ShouldBe(11);
        error.Problem.ShouldContain("nothing may follow the checksum line (line 10)");
    }

    [Fact]
    public void An_empty_file_says_so()
    {
        FaultMapFormatException error = FaultMapTexts.LoadFails(string.Empty, FaultMapTexts.Crossbar);

        error.Line.ShouldBe(1);
        error.Problem.ShouldBe("the file is empty; a fault map starts with 'mapdsl-faultmap 1'.");
    }

    [Fact]
    public void Bytes_that_are_not_UTF8_are_reported_on_their_line()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(FaultMapTexts.WithChecksum(FaultMapTexts.CrossbarLines));
        int at = Array.IndexOf(bytes, (byte)'s', Encoding.UTF8.GetBytes(string.Concat(FaultMapTexts.CrossbarLines[..5].Select(l => l + "\n"))).Length);
        bytes[at] = 0xFF; // inside "stuck-on" on line 6

        FaultMapFormatException error = FaultMapTexts.LoadFails(bytes, FaultMapTexts.Crossbar);

        error.Line.ShouldBe(6);
        error.Problem.ShouldContain($"the file is not UTF-8 text (invalid byte at offset {at})");
    }

    [Fact]
    public void A_file_on_disk_names_its_path()
    {
        string path = Path.Combine(Path.GetTempPath(), $"mapdsl-bad-{Guid.NewGuid():N}.faults");
        File.WriteAllText(path, FaultMapTexts.WithChecksum(FaultMapTexts.Edit(FaultMapTexts.CrossbarLines, 6, "cel 0 1 2 stuck-on")));
        try
        {
            var error = Should.Throw<FaultMapFormatException>(() => FaultMapFile.Load(path, FaultMapTexts.Crossbar));

            error.Path.ShouldBe(path);
            error.Line.ShouldBe(6);
            error.Message.ShouldBe($"{path}, line 6: {error.Problem}");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_file_for_another_mapping_is_caught_before_its_faults()
    {
        string text = FaultMapTexts.WithChecksum(FaultMapTexts.SystolicLines);

        FaultMapFormatException error = FaultMapTexts.LoadFails(text, FaultMapTexts.Crossbar);

        error.Line.ShouldBe(2);
        error.Problem.ShouldContain("mapping name mismatch");
    }
}
