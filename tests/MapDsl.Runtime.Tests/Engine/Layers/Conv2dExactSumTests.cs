using MapDsl.Runtime.Engine.Layers;

namespace MapDsl.Runtime.Tests.Engine.Layers;

/// <summary>
/// The convolution's results are bit for bit those of one GEMM per group of images, however the kernels split the
/// group into chunks, slices and threads: its sums are written out here as the GEMM forms them (each element an
/// in-order FMA chain from 0 over a slice of 256 of k, the slices added in order) and compared bit for bit.
/// Trained weights are committed and byte-compared, so a faster convolution must not move a single bit.
/// </summary>
public sealed class Conv2dExactSumTests
{
    private const int Slice = 256;

    /// <summary>
    /// LeNet's two layers, rows wider than 16 and 32 (stride 1: the vector paths) and stride 2 (the scalar paths);
    /// every patch at most 256 long, so each output is a single FMA chain.
    /// </summary>
    public static TheoryData<int, int, int, int, int, int, int, int> Shapes => new()
    {
        { 5, 1, 28, 28, 6, 5, 1, 2 },
        { 6, 6, 14, 14, 16, 5, 1, 0 },
        { 3, 2, 9, 20, 3, 3, 1, 1 },
        { 3, 2, 5, 37, 4, 3, 1, 2 },
        { 4, 3, 7, 9, 2, 3, 2, 1 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Forward_is_each_group_product_plus_the_bias(int batch, int inC, int inH, int inW, int outC, int k, int stride, int pad)
    {
        ConvCase conv = ConvCase.Create(21, batch, inC, inH, inW, outC, k, k, stride, pad);
        foreach (int imagesPerGemm in new[] { 1, 2, batch })
        {
            float[] output = TestTensors.Poisoned(conv.OutputLength);
            conv.Forward(output, conv.Scratch(imagesPerGemm));
            Bits(output).ShouldBe(Bits(ExpectedForward(conv)), $"{imagesPerGemm} images per GEMM");
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Weight_and_input_gradients_are_the_group_products_summed_in_order(
        int batch, int inC, int inH, int inW, int outC, int k, int stride, int pad)
    {
        ConvCase conv = ConvCase.Create(22, batch, inC, inH, inW, outC, k, k, stride, pad);
        float[] gradOutput = TestTensors.Uniform(new Random(23), conv.OutputLength);
        foreach (int imagesPerGemm in new[] { 1, 2, batch })
        {
            float[] gradInput = TestTensors.Poisoned(conv.InputLength);
            float[] gradWeights = TestTensors.Poisoned(conv.WeightLength);
            conv.Backward(gradOutput, gradInput, gradWeights, new float[outC], conv.Scratch(imagesPerGemm));
            Bits(gradWeights).ShouldBe(Bits(ExpectedWeightGradient(conv, gradOutput, imagesPerGemm)), $"weights, {imagesPerGemm} images per GEMM");
            Bits(gradInput).ShouldBe(Bits(ExpectedInputGradient(conv, gradOutput)), $"input, {imagesPerGemm} images per GEMM");
        }
    }

    [Fact]
    public void A_long_group_adds_many_slices_in_order()
    {
        // 64 images of LeNet's first layer: 196 slices of k, shared between the threads.
        ConvCase conv = ConvCase.Create(24, 64, 1, 28, 28, 6, 5, 5, 1, 2);
        float[] gradOutput = TestTensors.Uniform(new Random(25), conv.OutputLength);
        float[] gradWeights = TestTensors.Poisoned(conv.WeightLength);
        conv.Backward(gradOutput, Span<float>.Empty, gradWeights, new float[conv.OutC], conv.Scratch(64));
        Bits(gradWeights).ShouldBe(Bits(ExpectedWeightGradient(conv, gradOutput, 64)));
    }

    /// <summary>The unfolded input: patch element j = (c·kH + ky)·kW + kx of output position (image, oy, ox), 0 in the padding.</summary>
    private static float Unfolded(ConvCase conv, int image, int j, int oy, int ox)
    {
        int c = j / (conv.KH * conv.KW), ky = j / conv.KW % conv.KH, kx = j % conv.KW;
        int iy = oy * conv.Stride - conv.Pad + ky, ix = ox * conv.Stride - conv.Pad + kx;
        return iy < 0 || iy >= conv.InH || ix < 0 || ix >= conv.InW ? 0f : conv.Input[((image * conv.InC + c) * conv.InH + iy) * conv.InW + ix];
    }

    private static float[] ExpectedForward(ConvCase conv)
    {
        int patch = conv.InC * conv.KH * conv.KW;
        float[] output = new float[conv.OutputLength];
        for (int image = 0, index = 0; image < conv.Batch; image++)
        {
            for (int o = 0; o < conv.OutC; o++)
            {
                for (int oy = 0; oy < conv.OutH; oy++)
                {
                    for (int ox = 0; ox < conv.OutW; ox++, index++)
                    {
                        float sum = 0f;
                        for (int j = 0; j < patch; j++)
                        {
                            sum = MathF.FusedMultiplyAdd(conv.Weights[o * patch + j], Unfolded(conv, image, j, oy, ox), sum);
                        }

                        output[index] = sum + conv.Bias[o];
                    }
                }
            }
        }

        return output;
    }

    /// <summary>dW = Σ over groups, then over slices of 256 of the group's positions, of each slice's FMA chain, in order.</summary>
    private static float[] ExpectedWeightGradient(ConvCase conv, float[] gradOutput, int imagesPerGemm)
    {
        int patch = conv.InC * conv.KH * conv.KW, plane = conv.OutH * conv.OutW;
        float[] gradWeights = new float[conv.WeightLength];
        for (int first = 0; first < conv.Batch; first += imagesPerGemm)
        {
            int columns = Math.Min(imagesPerGemm, conv.Batch - first) * plane;
            for (int start = 0; start < columns; start += Slice)
            {
                for (int o = 0; o < conv.OutC; o++)
                {
                    for (int j = 0; j < patch; j++)
                    {
                        float sum = 0f;
                        for (int column = start; column < Math.Min(columns, start + Slice); column++)
                        {
                            int image = first + column / plane, oy = column % plane / conv.OutW, ox = column % conv.OutW;
                            float dy = gradOutput[((image * conv.OutC + o) * conv.OutH + oy) * conv.OutW + ox];
                            sum = MathF.FusedMultiplyAdd(dy, Unfolded(conv, image, j, oy, ox), sum);
                        }

                        int at = o * patch + j;
                        gradWeights[at] = first == 0 && start == 0 ? sum : gradWeights[at] + sum;
                    }
                }
            }
        }

        return gradWeights;
    }

    /// <summary>
    /// Each column gradient is an FMA chain over the output channels; an input element is 0 plus the column gradients
    /// that reach it, in order of the patch element (c, ky, kx).
    /// </summary>
    private static float[] ExpectedInputGradient(ConvCase conv, float[] gradOutput)
    {
        int patch = conv.InC * conv.KH * conv.KW;
        float[] gradInput = new float[conv.InputLength];
        for (int image = 0; image < conv.Batch; image++)
        {
            for (int j = 0; j < patch; j++)
            {
                int c = j / (conv.KH * conv.KW), ky = j / conv.KW % conv.KH, kx = j % conv.KW;
                for (int oy = 0; oy < conv.OutH; oy++)
                {
                    for (int ox = 0; ox < conv.OutW; ox++)
                    {
                        int iy = oy * conv.Stride - conv.Pad + ky, ix = ox * conv.Stride - conv.Pad + kx;
                        if (iy < 0 || iy >= conv.InH || ix < 0 || ix >= conv.InW)
                        {
                            continue;
                        }

                        float column = 0f;
                        for (int o = 0; o < conv.OutC; o++)
                        {
                            column = MathF.FusedMultiplyAdd(
                                conv.Weights[o * patch + j], gradOutput[((image * conv.OutC + o) * conv.OutH + oy) * conv.OutW + ox], column);
                        }

                        gradInput[((image * conv.InC + c) * conv.InH + iy) * conv.InW + ix] += column;
                    }
                }
            }
        }

        return gradInput;
    }

    private static int[] Bits(float[] values) => Array.ConvertAll(values, BitConverter.SingleToInt32Bits);
}
