using MapDsl.Runtime.Data;

namespace MapDsl.Runtime.Tests.Data;

/// <summary>Writing IDX files and reading them back gives exactly what was written, plain or gzipped.</summary>
public sealed class IdxRoundTripTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Levels_and_labels_come_back_exactly(bool gzip)
    {
        using var folder = new TempFolder();
        (string images, string labels) = SmallIdx.Write(folder, gzip);

        ImageSet set = Idx.Load(images, labels, "small");

        (set.Count, set.Height, set.Width, set.Classes).ShouldBe((SmallIdx.Count, SmallIdx.Height, SmallIdx.Width, 10));
        set.Labels.ShouldBe(SmallIdx.Labels);
        set.Pixels.ShouldBe(SmallIdx.Levels.Select(level => level / 255f).ToArray());
        set.Source.ShouldBe("small");
        Idx.ReadLabels(labels).ShouldBe(SmallIdx.Labels);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_image_set_written_and_read_is_unchanged(bool gzip)
    {
        using var folder = new TempFolder();
        ImageSet original = Datasets.FashionTest(RepositoryData.FashionSlice).Take(50);

        Idx.WriteImages(folder.File("i"), original, gzip);
        Idx.WriteLabels(folder.File("l"), original, gzip);
        ImageSet copy = Idx.Load(folder.File("i"), folder.File("l"), "copy");

        copy.Pixels.ShouldBe(original.Pixels);
        copy.Labels.ShouldBe(original.Labels);
        (copy.Height, copy.Width).ShouldBe((28, 28));
    }

    [Fact]
    public void Every_grey_level_survives_a_round_trip()
    {
        using var folder = new TempFolder();
        byte[] levels = Enumerable.Range(0, 256).Select(level => (byte)level).ToArray();
        Idx.WriteImages(folder.File("i"), levels, 1, 16, 16);
        Idx.WriteLabels(folder.File("l"), [3]);
        ImageSet once = Idx.Load(folder.File("i"), folder.File("l"), "levels");

        Idx.WriteImages(folder.File("i2"), once);
        File.ReadAllBytes(folder.File("i2")).ShouldBe(File.ReadAllBytes(folder.File("i")));
    }

    [Fact]
    public void Gzip_is_recognised_by_content_not_by_name()
    {
        using var folder = new TempFolder();
        Idx.WriteImages(folder.File("plain.gz"), SmallIdx.Levels, SmallIdx.Count, SmallIdx.Height, SmallIdx.Width, gzip: false);
        Idx.WriteLabels(folder.File("zipped-without-extension"), SmallIdx.Labels, gzip: true);

        File.ReadAllBytes(folder.File("zipped-without-extension"))[..2].ShouldBe(new byte[] { 0x1f, 0x8b });
        ImageSet set = Idx.Load(folder.File("plain.gz"), folder.File("zipped-without-extension"), "mixed");
        set.Labels.ShouldBe(SmallIdx.Labels);
    }

    [Fact]
    public void Gzipped_output_is_deterministic_and_has_the_idx_header_inside()
    {
        using var folder = new TempFolder();
        Idx.WriteLabels(folder.File("a"), SmallIdx.Labels, gzip: true);
        Idx.WriteLabels(folder.File("b"), SmallIdx.Labels, gzip: true);
        Idx.WriteLabels(folder.File("plain"), SmallIdx.Labels);

        File.ReadAllBytes(folder.File("a")).ShouldBe(File.ReadAllBytes(folder.File("b")));
        File.ReadAllBytes(folder.File("plain")).ShouldBe(new byte[] { 0, 0, 8, 1, 0, 0, 0, 12 }.Concat(SmallIdx.Labels).ToArray());
    }

    [Fact]
    public void An_empty_set_round_trips()
    {
        using var folder = new TempFolder();
        Idx.WriteImages(folder.File("i"), [], 0, 28, 28);
        Idx.WriteLabels(folder.File("l"), []);

        ImageSet set = Idx.Load(folder.File("i"), folder.File("l"), "empty");
        (set.Count, set.Height, set.Width, set.Pixels.Length).ShouldBe((0, 28, 28, 0));
    }
}
