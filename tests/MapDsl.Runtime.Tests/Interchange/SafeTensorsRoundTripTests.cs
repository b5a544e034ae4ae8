using System.Buffers.Binary;
using System.Text;
using MapDsl.Runtime.Interchange;

namespace MapDsl.Runtime.Tests.Interchange;

public sealed class SafeTensorsRoundTripTests : InterchangeFolder
{
    [Fact]
    public void Every_tensor_comes_back_exactly_and_in_the_given_order()
    {
        string path = PathOf("model.safetensors");
        SafeTensors.Write(path, SampleTensors.All);

        IReadOnlyList<NamedTensor> read = SafeTensors.Read(path);

        read.Count.ShouldBe(SampleTensors.All.Length);
        for (int index = 0; index < read.Count; index++)
        {
            SampleTensors.ShouldEqual(read[index], SampleTensors.All[index]);
        }
    }

    [Theory]
    [MemberData(nameof(SampleTensors.Indexes), MemberType = typeof(SampleTensors))]
    public void Each_tensor_alone_round_trips_through_a_stream(int index)
    {
        NamedTensor tensor = SampleTensors.All[index];
        using var stream = new MemoryStream();
        SafeTensors.Write(stream, [tensor]);
        stream.Position = 0;

        SampleTensors.ShouldEqual(SafeTensors.Read(stream).ShouldHaveSingleItem(), tensor);
    }

    [Fact]
    public void A_file_without_tensors_round_trips()
    {
        using var stream = new MemoryStream();
        SafeTensors.Write(stream, []);

        stream.ToArray().ShouldBe(InterchangeBytes.SafeTensors("{}      "));
        stream.Position = 0;
        SafeTensors.Read(stream).ShouldBeEmpty();
    }

    [Fact]
    public void Metadata_round_trips_and_is_empty_when_absent()
    {
        string path = PathOf("with-metadata.safetensors");
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["note"] = "ünïcode \"quoted\" \\ back" };
        SafeTensors.Write(path, SampleTensors.All, metadata);

        SafeTensors.ReadMetadata(path).ShouldBe(metadata, ignoreOrder: true);
        SafeTensors.Read(path).Count.ShouldBe(SampleTensors.All.Length);

        SafeTensors.Write(path, SampleTensors.All);
        SafeTensors.ReadMetadata(path).ShouldBeEmpty();
    }

    [Fact]
    public void The_bytes_are_exactly_the_compact_header_padded_to_eight_then_the_floats()
    {
        using var stream = new MemoryStream();
        SafeTensors.Write(stream, [new NamedTensor("a", [2], [1f, -2f]), new NamedTensor("b", [], [0.5f])], new Dictionary<string, string> { ["k"] = "v" });

        // 132 bytes of JSON, padded with four spaces to 136.
        string header = "{\"__metadata__\":{\"k\":\"v\"},\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[8,12]}}";
        header.Length.ShouldBe(132);
        stream.ToArray().ShouldBe(InterchangeBytes.SafeTensors(header + "    ", InterchangeBytes.Float32(1f, -2f, 0.5f)));
    }

    [Fact]
    public void Writing_twice_gives_the_same_bytes_whatever_the_metadata_order()
    {
        var forward = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2", ["c"] = "3" };
        var backward = new Dictionary<string, string> { ["c"] = "3", ["b"] = "2", ["a"] = "1" };
        string first = PathOf("first.safetensors");
        string second = PathOf("second.safetensors");

        SafeTensors.Write(first, SampleTensors.All, forward);
        SafeTensors.Write(second, SampleTensors.All, backward);

        File.ReadAllBytes(second).ShouldBe(File.ReadAllBytes(first));
    }

    [Fact]
    public void The_header_length_is_a_multiple_of_eight_and_the_header_has_no_whitespace_but_padding()
    {
        foreach (int count in Enumerable.Range(0, 9))
        {
            using var stream = new MemoryStream();
            SafeTensors.Write(stream, Enumerable.Range(0, count).Select(index => new NamedTensor(new string('t', index + 1), [1], [index])));
            byte[] bytes = stream.ToArray();

            ulong length = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
            (length % 8).ShouldBe(0UL);
            string header = Encoding.UTF8.GetString(bytes, 8, (int)length);
            header.TrimEnd(' ').ShouldNotContain(" ");
            header.TrimEnd(' ').ShouldEndWith("}");
            bytes.Length.ShouldBe(8 + (int)length + (4 * count));
        }
    }

    [Fact]
    public void Invalid_tensor_lists_are_rejected_before_a_file_is_written()
    {
        string path = PathOf("never.safetensors");

        Should.Throw<ArgumentException>(() => SafeTensors.Write(path, [new NamedTensor("w", [1], [1f]), new NamedTensor("w", [1], [2f])]))
            .Message.ShouldStartWith("Two tensors are named 'w'; names in a safetensors file are unique.");
        Should.Throw<ArgumentException>(() => SafeTensors.Write(path, [new NamedTensor("__metadata__", [1], [1f])]))
            .Message.ShouldStartWith("A tensor cannot be named '__metadata__'");

        Directory.GetFiles(Folder).ShouldBeEmpty();
    }
}
