using MapDsl.Runtime.Data;

namespace MapDsl.Runtime.Tests.Data;

/// <summary>Loading Fashion-MNIST splits from a folder: file names recognised, and clear errors when one is missing.</summary>
public sealed class DatasetsTests
{
    [Fact]
    public void Without_a_directory_the_search_finds_MAPDSL_DATA_or_else_the_repository_slice()
    {
        string? environment = Environment.GetEnvironmentVariable(Datasets.EnvironmentVariable);
        string expected = string.IsNullOrEmpty(environment)
            ? RepositoryData.FashionSlice
            : DataLocator.FindFashionDirectory(environment, null, AppContext.BaseDirectory);

        Datasets.FashionDirectory().ShouldBe(expected);
        Datasets.FashionTest().Source.ShouldBe($"Fashion-MNIST test ({expected})");
    }

    [Fact]
    public void Unpacked_and_dotted_file_names_are_recognised()
    {
        using var folder = new TempFolder();
        ImageSet slice = Datasets.FashionTest(RepositoryData.FashionSlice).Take(20);
        Idx.WriteImages(folder.File("t10k-images-idx3-ubyte"), slice);
        Idx.WriteLabels(folder.File("t10k-labels.idx1-ubyte"), slice);

        ImageSet loaded = Datasets.FashionTest(folder.Path);

        loaded.Labels.ShouldBe(slice.Labels);
        loaded.Pixels.ShouldBe(slice.Pixels);
    }

    [Fact]
    public void A_missing_file_names_the_folder_and_the_names_tried()
    {
        using var folder = new TempFolder();
        ImageSet slice = Datasets.FashionTest(RepositoryData.FashionSlice).Take(5);
        Idx.WriteImages(folder.File("t10k-images-idx3-ubyte.gz"), slice, gzip: true);

        var error = Should.Throw<FileNotFoundException>(() => Datasets.FashionTest(folder.Path));

        error.Message.ShouldContain($"missing in {folder.Path}");
        error.Message.ShouldContain("t10k-labels-idx1-ubyte.gz, t10k-labels-idx1-ubyte, t10k-labels.idx1-ubyte");
        error.Message.ShouldContain("MAPDSL_DATA");
        error.FileName.ShouldBe(folder.File("t10k-labels-idx1-ubyte.gz"));
        Should.Throw<FileNotFoundException>(() => Datasets.FashionTrain(folder.Path)).Message.ShouldContain("train-images-idx3-ubyte.gz");
    }

    [Fact]
    public void Class_names_follow_the_Fashion_MNIST_labels()
    {
        Datasets.FashionClassNames.Count.ShouldBe(10);
        Datasets.FashionClassNames[0].ShouldBe("T-shirt/top");
        Datasets.FashionClassNames[9].ShouldBe("Ankle boot");
    }
}
