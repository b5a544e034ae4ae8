using MapDsl.Runtime.Engine.Layers;

namespace MapDsl.Runtime.Tests.Engine.Layers;

/// <summary>
/// The kernels chained the way generated code chains them, conv → relu → maxpool → flatten → dense → softmax
/// cross-entropy, checked end to end against central differences of the float64 reference chain. This pins the
/// conventions between layers (NCHW, flatten as a no-op, who overwrites what), which per-layer tests cannot.
/// </summary>
public sealed class SmallCnnGradientTests
{
    private const int Batch = 2, InC = 2, Size = 6, OutC = 3, Kernel = 3, Pad = 1, Pooled = 3, Classes = 4;
    private const int Features = OutC * Pooled * Pooled;
    private static readonly byte[] Labels = [1, 3];

    [Fact]
    public void Chained_backward_matches_central_differences_of_the_whole_loss()
    {
        var random = new Random(71);
        float[] x = TestTensors.Uniform(random, Batch * InC * Size * Size);
        float[] convW = TestTensors.Uniform(random, OutC * InC * Kernel * Kernel), convB = TestTensors.Uniform(random, OutC, 0.1);
        float[] denseW = TestTensors.Uniform(random, Classes * Features), denseB = TestTensors.Uniform(random, Classes, 0.1);

        // Forward, with buffers as generated code would hold them.
        float[] scratch = new float[Sizes.Conv2dScratch(Batch, InC, Size, Size, OutC, Kernel, Kernel, 1, Pad)];
        float[] conv = new float[Batch * OutC * Size * Size], pooled = new float[Batch * Features], logits = new float[Batch * Classes];
        float[] probabilities = new float[Batch * Classes];
        int[] argmax = new int[pooled.Length];
        Conv2d.Forward(x, convW, convB, conv, Batch, InC, Size, Size, OutC, Kernel, Kernel, 1, Pad, scratch);
        Relu.Forward(conv, conv);
        MaxPool2d.Forward(conv, pooled, argmax, Batch, OutC, Size, Size, 2, 2, 2, 2);
        Dense.Forward(pooled, denseW, denseB, logits, Batch, Features, Classes); // flatten: the same buffer
        double loss = SoftmaxCrossEntropy.Forward(logits, Labels, Batch, Classes, probabilities);

        // Backward.
        float[] gradLogits = new float[logits.Length], gradPooled = new float[pooled.Length], gradConv = new float[conv.Length];
        float[] gradX = new float[x.Length], gradConvW = new float[convW.Length], gradConvB = new float[OutC];
        float[] gradDenseW = new float[denseW.Length], gradDenseB = new float[Classes];
        SoftmaxCrossEntropy.Backward(probabilities, Labels, gradLogits, Batch, Classes);
        Dense.Backward(pooled, denseW, gradLogits, gradPooled, gradDenseW, gradDenseB, Batch, Features, Classes);
        MaxPool2d.Backward(gradPooled, argmax, gradConv);
        Relu.Backward(conv, gradConv, gradConv);
        Conv2d.Backward(x, convW, gradConv, gradX, gradConvW, gradConvB, Batch, InC, Size, Size, OutC, Kernel, Kernel, 1, Pad, scratch);

        double[] xd = TestTensors.ToDouble(x), cw = TestTensors.ToDouble(convW), cb = TestTensors.ToDouble(convB);
        double[] dw = TestTensors.ToDouble(denseW), db = TestTensors.ToDouble(denseB);
        loss.ShouldBe(Loss(xd, cw, cb, dw, db), 1e-5);
        Close.ShouldMatch(gradX, NumericGradient.Of(v => Loss(v, cw, cb, dw, db), xd, 1e-6), 1e-4, "gradInput");
        Close.ShouldMatch(gradConvW, NumericGradient.Of(v => Loss(xd, v, cb, dw, db), cw, 1e-6), 1e-4, "conv gradWeights");
        Close.ShouldMatch(gradConvB, NumericGradient.Of(v => Loss(xd, cw, v, dw, db), cb, 1e-6), 1e-4, "conv gradBias");
        Close.ShouldMatch(gradDenseW, NumericGradient.Of(v => Loss(xd, cw, cb, v, db), dw, 1e-6), 1e-4, "dense gradWeights");
        Close.ShouldMatch(gradDenseB, NumericGradient.Of(v => Loss(xd, cw, cb, dw, v), db, 1e-6), 1e-4, "dense gradBias");
    }

    private static double Loss(double[] x, double[] convW, double[] convB, double[] denseW, double[] denseB)
    {
        double[] conv = ReferenceLayers.Relu(ReferenceLayers.Conv(x, convW, convB, Batch, InC, Size, Size, OutC, Kernel, Kernel, 1, Pad));
        double[] pooled = ReferenceLayers.MaxPool(conv, Batch * OutC, Size, Size, 2, 2, 2, 2);
        double[] logits = ReferenceLayers.Dense(pooled, denseW, denseB, Batch, Features, Classes);
        return ReferenceLayers.SoftmaxCrossEntropy(logits, Labels, Batch, Classes);
    }
}
