using MapDsl.Runtime.Data;

namespace MapDsl.Runtime.Tests.Data;

/// <summary>Image access and the subsets: Take, Slice and TakePerClass copy the right images and say so in Source.</summary>
public sealed class ImageSetTests
{
    // Five 2x3 images whose pixels encode their index, labels 4 1 4 0 1.
    private static ImageSet Five() => new(
        Enumerable.Range(0, 30).Select(i => i / 6 / 10f).ToArray(), [4, 1, 4, 0, 1], 2, 3, "five");

    [Fact]
    public void Image_returns_one_row_major_image()
    {
        ImageSet set = Five();

        set.PixelsPerImage.ShouldBe(6);
        set.Image(3).ToArray().ShouldAllBe(p => p == 0.3f);
        Should.Throw<ArgumentOutOfRangeException>(() => set.Image(5));
        Should.Throw<ArgumentOutOfRangeException>(() => set.Image(-1));
    }

    [Fact]
    public void Take_and_Slice_copy_a_range()
    {
        ImageSet set = Five();

        ImageSet slice = set.Slice(1, 3);
        slice.Labels.ShouldBe(new byte[] { 1, 4, 0 });
        slice.Image(0).ToArray().ShouldAllBe(p => p == 0.1f);
        slice.Source.ShouldBe("five [1..4)");

        set.Take(2).Labels.ShouldBe(new byte[] { 4, 1 });
        set.Take(99).Count.ShouldBe(5);
        set.Take(0).Count.ShouldBe(0);

        slice.Pixels[0] = 1f;
        set.Pixels[6].ShouldBe(0.1f);
        Should.Throw<ArgumentOutOfRangeException>(() => set.Slice(3, 3));
    }

    [Fact]
    public void TakePerClass_keeps_the_first_of_each_class_in_order()
    {
        // Three classes: labels 2 1 2 0 1.
        var set = new ImageSet(Enumerable.Range(0, 30).Select(i => i / 6 / 10f).ToArray(), [2, 1, 2, 0, 1], 2, 3, "three", classes: 3);

        ImageSet balanced = set.TakePerClass(1);

        balanced.Labels.ShouldBe(new byte[] { 2, 1, 0 });
        balanced.Image(2).ToArray().ShouldAllBe(p => p == 0.3f);
        balanced.Source.ShouldBe("three (first 1 per class)");
        set.TakePerClass(0).Count.ShouldBe(0);
        Should.Throw<ArgumentException>(() => set.TakePerClass(2)).Message.ShouldContain("Class 0 has 1 images, fewer than 2");
    }

    [Fact]
    public void CountPerClass_counts_every_class()
    {
        Five().CountPerClass().ShouldBe([1, 2, 0, 0, 2, 0, 0, 0, 0, 0]);
    }

    [Fact]
    public void Constructor_rejects_inconsistent_sets()
    {
        Should.Throw<ArgumentException>(() => new ImageSet(new float[5], [0], 2, 3, "short")).Message.ShouldContain("need 6 pixels");
        Should.Throw<ArgumentException>(() => new ImageSet([0, 0, 0, float.NaN], [0], 2, 2, "nan")).Message.ShouldContain("outside [0, 1]");
        Should.Throw<ArgumentException>(() => new ImageSet([0, 0, 0, 1.01f], [0], 2, 2, "bright")).Message.ShouldContain("Pixel 3");
        Should.Throw<ArgumentException>(() => new ImageSet(new float[4], [10], 2, 2, "label")).Message.ShouldContain("outside 0..9");
    }
}
