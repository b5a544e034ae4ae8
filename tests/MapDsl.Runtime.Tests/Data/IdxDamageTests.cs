using System.Buffers.Binary;
using MapDsl.Runtime.Data;

namespace MapDsl.Runtime.Tests.Data;

/// <summary>
/// Corrupt copies of a small valid IDX pair: each kind of damage fails with <see cref="DataFormatException"/> whose
/// message names the problem, with expected and found values where there are any, and the file.
/// </summary>
public sealed class IdxDamageTests
{
    [Fact]
    public void Label_file_given_as_images_reports_the_magic_numbers()
    {
        using var folder = new TempFolder();
        (string images, string labels) = SmallIdx.Write(folder, gzip: false);

        var error = Should.Throw<DataFormatException>(() => Idx.Load(labels, labels, "swapped"));

        error.Path.ShouldBe(labels);
        error.Message.ShouldStartWith(labels);
        error.Problem.ShouldContain("bad magic number");
        error.Problem.ShouldContain("expected 0x00000803");
        error.Problem.ShouldContain("found 0x00000801");
        error.Problem.ShouldContain("label file");
    }

    [Fact]
    public void Garbage_is_neither_idx_nor_gzip()
    {
        using var folder = new TempFolder();
        (_, string labels) = SmallIdx.Write(folder, gzip: false);
        File.WriteAllText(folder.File("text"), "this is not a data file at all");

        var error = Should.Throw<DataFormatException>(() => Idx.Load(folder.File("text"), labels, "text"));

        error.Problem.ShouldContain("bad magic number");
        error.Problem.ShouldContain("found 0x74686973");
        error.Problem.ShouldContain("neither IDX nor gzip");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void Wrong_dimension_count_is_named(int dimensions)
    {
        using var folder = new TempFolder();
        (string images, string labels) = SmallIdx.Write(folder, gzip: false);
        byte[] bytes = File.ReadAllBytes(images);
        bytes[3] = (byte)dimensions;
        File.WriteAllBytes(images, bytes);

        var error = Should.Throw<DataFormatException>(() => Idx.Load(images, labels, "dims"));

        error.Problem.ShouldContain("wrong dimension count");
        error.Problem.ShouldContain($"this file has {dimensions}");
        error.Problem.ShouldContain("3 dimension(s)");
    }

    [Fact]
    public void Other_element_types_are_a_bad_magic_number()
    {
        using var folder = new TempFolder();
        (string images, string labels) = SmallIdx.Write(folder, gzip: false);
        byte[] bytes = File.ReadAllBytes(images);
        bytes[2] = 0x0D; // float32 in the IDX spec
        File.WriteAllBytes(images, bytes);

        var error = Should.Throw<DataFormatException>(() => Idx.Load(images, labels, "floats"));

        error.Problem.ShouldContain("bad magic number: expected 0x00000803");
        error.Problem.ShouldContain("found 0x00000D03");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void More_images_than_labels_is_a_count_mismatch(bool gzip)
    {
        using var folder = new TempFolder();
        (string images, _) = SmallIdx.Write(folder, gzip);
        Idx.WriteLabels(folder.File("fewer"), SmallIdx.Labels[..^1], gzip);

        var error = Should.Throw<DataFormatException>(() => Idx.Load(images, folder.File("fewer"), "mismatch"));

        error.Path.ShouldBe(folder.File("fewer"));
        error.Problem.ShouldContain("image/label count mismatch");
        error.Problem.ShouldContain("11 labels");
        error.Problem.ShouldContain($"{images} has 12 images");
    }

    [Fact]
    public void A_header_that_promises_more_images_is_truncated_data()
    {
        using var folder = new TempFolder();
        (string images, string labels) = SmallIdx.Write(folder, gzip: false);
        byte[] bytes = File.ReadAllBytes(images);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), 13);
        File.WriteAllBytes(images, bytes);

        var error = Should.Throw<DataFormatException>(() => Idx.Load(images, labels, "short"));

        error.Problem.ShouldContain("truncated data");
        error.Problem.ShouldContain("13 images of 3x4 need 172 bytes");
        error.Problem.ShouldContain("has 160");
    }

    [Fact]
    public void Huge_sizes_in_the_header_are_truncated_data_not_an_overflow()
    {
        using var folder = new TempFolder();
        (string images, string labels) = SmallIdx.Write(folder, gzip: false);
        byte[] bytes = File.ReadAllBytes(images);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), int.MaxValue);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), int.MaxValue);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), int.MaxValue);
        File.WriteAllBytes(images, bytes);

        var error = Should.Throw<DataFormatException>(() => Idx.Load(images, labels, "huge"));

        error.Problem.ShouldContain("truncated data");
        error.Problem.ShouldContain("need 9903520300447984150353281039 bytes"); // (2^31 - 1)^3 + 16
    }

    [Fact]
    public void Sizes_beyond_a_signed_int_or_zero_rows_are_bad_sizes()
    {
        using var folder = new TempFolder();
        (string images, string labels) = SmallIdx.Write(folder, gzip: false);
        byte[] bytes = File.ReadAllBytes(images);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), 0x80000000);
        File.WriteAllBytes(images, bytes);
        Should.Throw<DataFormatException>(() => Idx.Load(images, labels, "big")).Problem.ShouldBe("bad size: dimension 0 of the header is 2147483648");

        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), 12);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), 0);
        File.WriteAllBytes(images, bytes);
        Should.Throw<DataFormatException>(() => Idx.Load(images, labels, "flat")).Problem.ShouldBe("bad size: dimension 1 of the header is 0");
    }

    [Fact]
    public void Bytes_after_the_data_are_trailing_data()
    {
        using var folder = new TempFolder();
        (string images, string labels) = SmallIdx.Write(folder, gzip: false);
        File.AppendAllText(labels, "!");

        var error = Should.Throw<DataFormatException>(() => Idx.Load(images, labels, "long"));

        error.Problem.ShouldContain("trailing data");
        error.Problem.ShouldContain("need 20 bytes");
        error.Problem.ShouldContain("has 21");
    }

    [Theory]
    [InlineData(10)]
    [InlineData(255)]
    public void A_label_outside_0_to_9_is_named_with_its_index(byte label)
    {
        using var folder = new TempFolder();
        (string images, _) = SmallIdx.Write(folder, gzip: true);
        byte[] labels = (byte[])SmallIdx.Labels.Clone();
        labels[7] = label;
        Idx.WriteLabels(folder.File("bad-labels.gz"), labels, gzip: true);

        var error = Should.Throw<DataFormatException>(() => Idx.Load(images, folder.File("bad-labels.gz"), "labels"));

        error.Problem.ShouldBe($"label outside 0..9: label 7 (byte 15) is {label}");
        Should.Throw<DataFormatException>(() => Idx.ReadLabels(folder.File("bad-labels.gz"))).Problem.ShouldContain("outside 0..9");
    }

    [Fact]
    public void A_damaged_gzip_stream_is_corrupt_gzip()
    {
        using var folder = new TempFolder();
        (string images, string labels) = SmallIdx.Write(folder, gzip: true);
        byte[] bytes = File.ReadAllBytes(images);
        bytes[bytes.Length - 6] ^= 0xFF; // inside the CRC-32 of the trailer

        File.WriteAllBytes(images, bytes);
        var error = Should.Throw<DataFormatException>(() => Idx.Load(images, labels, "crc"));

        error.Problem.ShouldContain("corrupt gzip stream");
        error.InnerException.ShouldBeOfType<InvalidDataException>();
    }

    [Fact]
    public void Gzip_magic_followed_by_garbage_is_corrupt_gzip()
    {
        using var folder = new TempFolder();
        (_, string labels) = SmallIdx.Write(folder, gzip: false);
        File.WriteAllBytes(folder.File("fake.gz"), [0x1f, 0x8b, .. Enumerable.Repeat((byte)0x55, 40)]);

        var error = Should.Throw<DataFormatException>(() => Idx.Load(folder.File("fake.gz"), labels, "fake"));

        error.Problem.ShouldContain("corrupt gzip stream");
    }

    [Fact]
    public void Gzip_holding_something_else_says_so()
    {
        using var folder = new TempFolder();
        (_, string labels) = SmallIdx.Write(folder, gzip: false);
        using (var zipped = new System.IO.Compression.GZipStream(File.Create(folder.File("text.gz")), System.IO.Compression.CompressionLevel.Fastest))
        {
            zipped.Write("hello, world"u8);
        }

        var error = Should.Throw<DataFormatException>(() => Idx.Load(folder.File("text.gz"), labels, "text"));

        error.Problem.ShouldContain("bad magic number");
        error.Problem.ShouldContain("gzip stream holds no IDX file");
    }

    [Fact]
    public void A_missing_file_is_not_a_format_error()
    {
        using var folder = new TempFolder();
        (string images, _) = SmallIdx.Write(folder, gzip: false);

        Should.Throw<FileNotFoundException>(() => Idx.Load(images, folder.File("absent"), "absent"));
    }
}
