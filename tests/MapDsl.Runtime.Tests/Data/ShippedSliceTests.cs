using System.Security.Cryptography;
using System.Text.RegularExpressions;
using MapDsl.Runtime.Data;

namespace MapDsl.Runtime.Tests.Data;

/// <summary>The Fashion-MNIST slice in data/fashion-mnist is what its README says it is.</summary>
public sealed class ShippedSliceTests
{
    [Fact]
    public void Training_slice_has_400_images_of_each_class()
    {
        ImageSet train = Datasets.FashionTrain(RepositoryData.FashionSlice);

        train.Count.ShouldBe(4000);
        train.Height.ShouldBe(28);
        train.Width.ShouldBe(28);
        train.Classes.ShouldBe(10);
        train.Pixels.Length.ShouldBe(4000 * 28 * 28);
        train.CountPerClass().ShouldAllBe(count => count == 400);
        train.Source.ShouldContain("Fashion-MNIST train");
    }

    [Fact]
    public void Test_slice_has_100_images_of_each_class()
    {
        ImageSet test = Datasets.FashionTest(RepositoryData.FashionSlice);

        test.Count.ShouldBe(1000);
        (test.Height, test.Width).ShouldBe((28, 28));
        test.CountPerClass().ShouldAllBe(count => count == 100);
    }

    [Fact]
    public void Pixels_are_in_unit_range_and_use_it()
    {
        ImageSet test = Datasets.FashionTest(RepositoryData.FashionSlice);

        test.Pixels.ShouldAllBe(p => p >= 0f && p <= 1f);
        test.Pixels.Min().ShouldBe(0f);
        test.Pixels.Max().ShouldBe(1f);

        // Every pixel is a grey level k / 255, as read from bytes.
        test.Pixels.ShouldAllBe(p => Math.Abs((p * 255.0) - Math.Round(p * 255.0)) < 1e-4);
    }

    [Fact]
    public void Slices_keep_the_official_order()
    {
        // The first labels of the official files (train: 9 0 0 3 0 2 7 2 5 5; t10k: 9 2 1 1 6 1 4 6 5 7) come first in the
        // slice too, since the first 400 (100) of each class are kept in order and no class is full that early.
        Datasets.FashionTrain(RepositoryData.FashionSlice).Labels.Take(10).ShouldBe(new byte[] { 9, 0, 0, 3, 0, 2, 7, 2, 5, 5 });
        Datasets.FashionTest(RepositoryData.FashionSlice).Labels.Take(10).ShouldBe(new byte[] { 9, 2, 1, 1, 6, 1, 4, 6, 5, 7 });
    }

    [Fact]
    public void Readme_lists_each_file_with_its_size_and_checksum()
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryData.FashionSlice, "README.md"));
        var rows = Regex.Matches(readme, @"\| `(?<name>[a-z0-9-]+\.gz)` \| (?<size>[0-9]+) \| `(?<sha>[0-9a-f]{64})` \|")
            .ToDictionary(row => row.Groups["name"].Value);

        string[] files = Directory.GetFiles(RepositoryData.FashionSlice, "*.gz").Select(Path.GetFileName).ToArray()!;
        files.Order().ShouldBe(["t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"]);
        foreach (string name in files)
        {
            byte[] bytes = File.ReadAllBytes(Path.Combine(RepositoryData.FashionSlice, name));
            rows.ShouldContainKey(name);
            rows[name].Groups["size"].Value.ShouldBe(bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), name);
            rows[name].Groups["sha"].Value.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(bytes)), name);
        }
    }

    [Fact]
    public void Slice_stays_small()
    {
        long bytes = Directory.GetFiles(RepositoryData.FashionSlice).Sum(file => new FileInfo(file).Length);
        bytes.ShouldBeLessThan(3L * 1024 * 1024);
    }
}
