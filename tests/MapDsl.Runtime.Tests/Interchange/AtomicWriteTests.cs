using MapDsl.Runtime.Interchange;

namespace MapDsl.Runtime.Tests.Interchange;

/// <summary>Writes replace the target in one step and never leave a temporary file behind.</summary>
public sealed class AtomicWriteTests : InterchangeFolder
{
    [Fact]
    public void A_write_leaves_only_the_target()
    {
        SafeTensors.Write(PathOf("m.safetensors"), SampleTensors.All);
        Npy.Write(PathOf("w.npy"), SampleTensors.All[4]);

        Directory.GetFiles(Folder).Order().ShouldBe([PathOf("m.safetensors"), PathOf("w.npy")]);
    }

    [Fact]
    public void A_write_replaces_an_existing_larger_file_completely()
    {
        string path = PathOf("m.safetensors");
        File.WriteAllBytes(path, new byte[100_000]);

        SafeTensors.Write(path, [new NamedTensor("b", [1], [1f])]);

        SafeTensors.Read(path).ShouldHaveSingleItem().Data.ShouldBe([1f]);
        Directory.GetFiles(Folder).ShouldBe([path]);
    }

    [Fact]
    public void A_failed_replace_removes_the_temporary_file()
    {
        string path = PathOf("taken.npy");
        Directory.CreateDirectory(path); // a folder in the way: the final move fails after the temporary file is written

        var error = Should.Throw<Exception>(() => Npy.Write(path, SampleTensors.All[0]));

        (error is IOException or UnauthorizedAccessException).ShouldBeTrue(error.ToString()); // which one depends on the OS
        Directory.GetFiles(Folder).ShouldBeEmpty();
        Should.Throw<Exception>(() => SafeTensors.Write(path, SampleTensors.All));
        Directory.GetFiles(Folder).ShouldBeEmpty();
    }
}
