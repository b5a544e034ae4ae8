using System.Text;
using MapDsl.Runtime.Interchange;

namespace MapDsl.Runtime.Tests.Interchange;

public sealed class NpyRoundTripTests : InterchangeFolder
{
    [Theory]
    [MemberData(nameof(SampleTensors.Indexes), MemberType = typeof(SampleTensors))]
    public void Each_tensor_round_trips_exactly_through_a_file(int index)
    {
        NamedTensor tensor = SampleTensors.All[index];
        string path = PathOf(tensor.Name + ".npy");

        Npy.Write(path, tensor);

        SampleTensors.ShouldEqual(Npy.Read(path), tensor); // the default name is the file name without ".npy"
        Npy.Read(path, "renamed").Name.ShouldBe("renamed");
    }

    [Fact]
    public void The_bytes_are_a_version_1_header_padded_to_a_multiple_of_64_then_little_endian_floats()
    {
        using var stream = new MemoryStream();
        Npy.Write(stream, new NamedTensor("w", [2, 3], [1, 2, 3, 4, 5, 6]));

        string dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
        string header = dict + new string(' ', 128 - 10 - dict.Length - 1) + "\n"; // 10 + 59 + 1 bytes, padded to 128
        stream.ToArray().ShouldBe(InterchangeBytes.Npy(1, header, InterchangeBytes.Float32(1, 2, 3, 4, 5, 6)));
    }

    [Theory]
    [InlineData(new int[0], "()")]
    [InlineData(new[] { 7 }, "(7,)")]
    [InlineData(new[] { 0, 2 }, "(0, 2)")]
    public void The_shape_is_written_as_python_writes_a_tuple(int[] shape, string tuple)
    {
        using var stream = new MemoryStream();
        Npy.Write(stream, new NamedTensor("t", shape, new float[shape.Aggregate(1, (product, size) => product * size)]));

        byte[] bytes = stream.ToArray();
        Encoding.ASCII.GetString(bytes, 10, bytes.Length - 10).ShouldContain($"'shape': {tuple}, }}");
        ((10 + BitConverter.ToUInt16(bytes, 8)) % 64).ShouldBe(0);
        bytes[9 + BitConverter.ToUInt16(bytes, 8)].ShouldBe((byte)'\n');
    }

    [Fact]
    public void Writing_twice_gives_the_same_bytes()
    {
        foreach (NamedTensor tensor in SampleTensors.All)
        {
            Npy.Write(PathOf("a.npy"), tensor);
            Npy.Write(PathOf("b.npy"), tensor);

            File.ReadAllBytes(PathOf("b.npy")).ShouldBe(File.ReadAllBytes(PathOf("a.npy")));
        }
    }
}
