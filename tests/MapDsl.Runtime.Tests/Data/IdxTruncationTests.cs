using MapDsl.Runtime.Data;

namespace MapDsl.Runtime.Tests.Data;

/// <summary>
/// Copies of valid files cut short anywhere (in the header, in the data, inside a gzip stream or its trailer) fail with
/// <see cref="DataFormatException"/>, never with another exception and never by loading less than was written.
/// </summary>
public sealed class IdxTruncationTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Image_files_cut_anywhere_fail_cleanly(bool gzip)
    {
        using var folder = new TempFolder();
        (string images, string labels) = SmallIdx.Write(folder, gzip);
        byte[] bytes = File.ReadAllBytes(images);

        for (int cut = 0; cut < bytes.Length; cut++)
        {
            File.WriteAllBytes(folder.File("cut"), bytes[..cut]);
            var error = Should.Throw<DataFormatException>(() => Idx.Load(folder.File("cut"), labels, "cut"), $"cut at byte {cut}");
            error.Path.ShouldBe(folder.File("cut"));
            error.Problem.ShouldContain("truncated", Case.Insensitive, $"cut at byte {cut}: {error.Problem}");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Label_files_cut_anywhere_fail_cleanly(bool gzip)
    {
        using var folder = new TempFolder();
        (_, string labels) = SmallIdx.Write(folder, gzip);
        byte[] bytes = File.ReadAllBytes(labels);

        for (int cut = 0; cut < bytes.Length; cut++)
        {
            File.WriteAllBytes(folder.File("cut"), bytes[..cut]);
            Should.Throw<DataFormatException>(() => Idx.ReadLabels(folder.File("cut")), $"cut at byte {cut}")
                .Problem.ShouldContain("truncated", Case.Insensitive, $"cut at byte {cut}");
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.001)]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(0.999)]
    public void The_shipped_slice_cut_short_fails_cleanly(double fraction)
    {
        using var folder = new TempFolder();
        string labels = Path.Combine(RepositoryData.FashionSlice, "t10k-labels-idx1-ubyte.gz");
        byte[] bytes = File.ReadAllBytes(Path.Combine(RepositoryData.FashionSlice, "t10k-images-idx3-ubyte.gz"));
        int cut = (int)(bytes.Length * fraction);
        File.WriteAllBytes(folder.File("t10k-images-idx3-ubyte.gz"), bytes[..cut]);

        var error = Should.Throw<DataFormatException>(() => Idx.Load(folder.File("t10k-images-idx3-ubyte.gz"), labels, "cut"));

        error.Problem.ShouldContain("truncated", Case.Insensitive);
    }

    [Fact]
    public void A_plain_file_cut_in_the_data_says_how_many_bytes_are_missing()
    {
        using var folder = new TempFolder();
        (string images, string labels) = SmallIdx.Write(folder, gzip: false);
        byte[] bytes = File.ReadAllBytes(images);
        File.WriteAllBytes(images, bytes[..100]);

        Should.Throw<DataFormatException>(() => Idx.Load(images, labels, "cut")).Problem
            .ShouldBe("truncated data: 12 images of 3x4 need 160 bytes with the header, the file has 100");
    }

    [Fact]
    public void A_file_cut_in_the_header_says_so()
    {
        using var folder = new TempFolder();
        (string images, string labels) = SmallIdx.Write(folder, gzip: false);
        File.WriteAllBytes(images, File.ReadAllBytes(images)[..9]);

        Should.Throw<DataFormatException>(() => Idx.Load(images, labels, "cut")).Problem
            .ShouldBe("truncated header: expected 16 bytes, the file has 9");
    }
}
