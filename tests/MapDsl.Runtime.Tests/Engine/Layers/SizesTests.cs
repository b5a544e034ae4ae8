using MapDsl.Runtime.Engine.Layers;

namespace MapDsl.Runtime.Tests.Engine.Layers;

public sealed class SizesTests
{
    [Theory]
    [InlineData(28, 5, 1, 2, 28)] // LeNet c1
    [InlineData(14, 5, 1, 0, 10)]
    [InlineData(7, 3, 2, 1, 4)]
    [InlineData(8, 3, 2, 1, 4)] // floor
    [InlineData(4, 5, 1, 2, 4)] // kernel wider than the image, fits the padding
    [InlineData(3, 7, 1, 2, 1)]
    public void Conv_output_is_floor_of_padded_input_minus_kernel_over_stride_plus_one(int input, int kernel, int stride, int pad, int expected) =>
        Sizes.ConvOutput(input, kernel, stride, pad).ShouldBe(expected);

    [Theory]
    [InlineData(28, 2, 2, 14)]
    [InlineData(7, 2, 2, 3)]
    [InlineData(7, 3, 2, 3)]
    [InlineData(9, 3, 3, 3)]
    public void Pool_output_has_no_padding(int input, int window, int stride, int expected) =>
        Sizes.PoolOutput(input, window, stride).ShouldBe(expected);

    [Fact]
    public void A_kernel_larger_than_the_padded_input_or_a_zero_stride_is_refused()
    {
        Should.Throw<ArgumentException>(() => Sizes.ConvOutput(3, 6, 1, 1));
        Should.Throw<ArgumentOutOfRangeException>(() => Sizes.ConvOutput(3, 3, 0, 0));
        Should.Throw<ArgumentOutOfRangeException>(() => Sizes.ConvOutput(3, 3, 1, -1));
    }

    [Fact]
    public void Conv_scratch_is_the_unfolded_input_plus_for_several_images_the_channel_major_product()
    {
        // LeNet c1: 28x28 output, patch 1·5·5 = 25, 6 output channels.
        Sizes.Conv2dScratch(1, 1, 28, 28, 6, 5, 5, 1, 2).ShouldBe(784 * 25);
        Sizes.Conv2dScratch(64, 1, 28, 28, 6, 5, 5, 1, 2).ShouldBe(64 * 784 * (25 + 6));
    }
}
