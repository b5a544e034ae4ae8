using MapDsl.Runtime.Data;
using MapDsl.Runtime.Tests.Data;

namespace MapDsl.Runtime.Tests.Corruption;

/// <summary>
/// The corrupt-file matrix for IDX image and label files, plain and gzipped: every cut, every single-bit flip, the
/// wrong element type and dimension count, and gzip's own damage (wrong magic, bad CRC, cut trailer). Each damaged copy
/// reads (only a changed pixel or label byte, or a gzip header field nothing checks) or fails with
/// <see cref="DataFormatException"/> naming the file and the place, and stays as it was on disk.
/// </summary>
public sealed class IdxCorruptionTests
{
    private const int ImageHeader = 16;
    private const int LabelHeader = 8;
    private const int GzipTrailer = 8;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Image_files_cut_or_flipped_anywhere_fail_with_the_file_and_place(bool gzip)
    {
        using var valid = new TempFolder();
        (string images, string labels) = SmallIdx.Write(valid, gzip);
        byte[] bytes = File.ReadAllBytes(images);
        using var file = ImageChecker(labels, sameAsWritten: gzip);

        file.Check(bytes, Damage.Truncations(bytes).Concat(Damage.BitFlips(bytes)), damage => gzip || damage.At >= ImageHeader);

        file.Rejected.ShouldBeGreaterThan(bytes.Length);
        if (!gzip)
        {
            file.Accepted.ShouldBe((bytes.Length - ImageHeader) * 8); // every pixel flip is another valid image
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Label_files_cut_or_flipped_anywhere_fail_with_the_file_and_place(bool gzip)
    {
        using var valid = new TempFolder();
        (_, string labels) = SmallIdx.Write(valid, gzip);
        byte[] bytes = File.ReadAllBytes(labels);
        using var file = LabelChecker(sameAsWritten: gzip);

        file.Check(bytes, Damage.Truncations(bytes).Concat(Damage.BitFlips(bytes)), damage => gzip || damage.At >= LabelHeader);

        if (!gzip)
        {
            // Labels 0..9 flipped in one bit stay below 10 only in the low three bits, and not always then (7 ^ 8 = 15).
            file.Messages.ShouldContain(message => message.Contains("label outside 0..9: label 9 (byte 17) is 137", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Wrong_element_type_dimension_count_and_shape_name_the_header_field()
    {
        byte[] bytes = SmallIdx.PlainImageBytes();
        using var valid = new TempFolder();
        (_, string labels) = SmallIdx.Write(valid, gzip: false);
        using var file = ImageChecker(labels);

        file.Attempt(Damage.Overwrite("float32 elements", bytes, 2, [0x0D])).ShouldNotBeNull().Problem.ShouldContain("element type 0x0D");
        file.Attempt(Damage.Overwrite("a label file's magic", bytes, 3, [0x01])).ShouldNotBeNull().Problem.ShouldContain("that is a label file");
        file.Attempt(Damage.Overwrite("2 dimensions", bytes, 3, [0x02])).ShouldNotBeNull().Problem.ShouldContain("wrong dimension count");
        file.Attempt(Damage.Overwrite("13 images", bytes, 4, [0, 0, 0, 13])).ShouldNotBeNull().Problem.ShouldContain("13 images of 3x4 need 172 bytes");
        file.Attempt(Damage.Overwrite("4 columns become 2", bytes, 12, [0, 0, 0, 2])).ShouldNotBeNull().Problem.ShouldStartWith("trailing data");
        file.Attempt(Damage.Overwrite("a length field of 2^32 - 1", bytes, 4, [0xFF, 0xFF, 0xFF, 0xFF])).ShouldNotBeNull().Problem.ShouldContain("dimension 0 of the header");
    }

    [Fact]
    public void Gzip_damage_names_the_header_byte_the_compressed_data_or_the_trailer()
    {
        using var valid = new TempFolder();
        (string images, string labels) = SmallIdx.Write(valid, gzip: true);
        byte[] bytes = File.ReadAllBytes(images);
        int trailer = bytes.Length - GzipTrailer;
        using var file = ImageChecker(labels);

        file.Attempt(Damage.Overwrite("compression method 7", bytes, 2, [7])).ShouldNotBeNull().Problem.ShouldContain("gzip header byte 2");
        file.Attempt(Damage.Overwrite("reserved flag", bytes, 3, [0x80])).ShouldNotBeNull().Problem.ShouldContain("gzip header byte 3");
        file.Attempt(Damage.Overwrite("bad CRC", bytes, trailer, [(byte)~bytes[trailer]])).ShouldNotBeNull().Problem
            .ShouldContain($"CRC-32 in the gzip trailer (bytes {trailer}..{trailer + 3})");
        file.Attempt(Damage.Overwrite("bad size", bytes, trailer + 4, [(byte)~bytes[trailer + 4]])).ShouldNotBeNull().Problem
            .ShouldContain($"size field of the gzip trailer (bytes {trailer + 4}..{trailer + 7})");
        file.Attempt(Damage.Overwrite("garbage deflate data", bytes, 10, [0xFF, 0xFF, 0xFF])).ShouldNotBeNull().Problem
            .ShouldContain($"compressed data from byte 10");
        file.Attempt(Damage.Overwrite("wrong magic", bytes, 0, [0x1f, 0x8c])).ShouldNotBeNull().Problem
            .ShouldContain("bad magic number");
    }

    // A damaged gzip file may still read, because a flip can hit a header field nothing checks (MTIME, XFL, OS, the
    // FTEXT flag), padding bits, or even a deflate bit that changes nothing; but the CRC-32 and size in the trailer
    // guarantee that whatever reads is exactly what was written, and these readers check that.
    private static CorruptFile<DataFormatException> ImageChecker(string labels, bool sameAsWritten = false) =>
        new("images", path =>
        {
            ImageSet set = Idx.Load(path, labels, "corrupt");
            if (sameAsWritten && !set.Pixels.Select(pixel => (byte)MathF.Round(pixel * 255)).SequenceEqual(SmallIdx.Levels))
            {
                throw new ShouldAssertException("a damaged gzip file read as different images");
            }
        }, error => error.Path, NamesPlace);

    private static CorruptFile<DataFormatException> LabelChecker(bool sameAsWritten = false) =>
        new("labels", path =>
        {
            byte[] labels = Idx.ReadLabels(path);
            if (sameAsWritten && !labels.SequenceEqual(SmallIdx.Labels))
            {
                throw new ShouldAssertException("a damaged gzip file read as different labels");
            }
        }, error => error.Path, NamesPlace);

    // Every IDX problem says which header field, byte range or gzip part it is about.
    private static bool NamesPlace(DataFormatException error) =>
        new[] { "magic", "header", "byte", "trailer", "dimension" }.Any(place => error.Problem.Contains(place, StringComparison.Ordinal));
}
