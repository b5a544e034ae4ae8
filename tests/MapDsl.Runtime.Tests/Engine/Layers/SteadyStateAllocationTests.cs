using MapDsl.Runtime.Engine.Layers;
using MapDsl.Runtime.Engine.Training;

namespace MapDsl.Runtime.Tests.Engine.Layers;

/// <summary>Generated training loops call the kernels millions of times; after warm-up they must not allocate.</summary>
public sealed class SteadyStateAllocationTests
{
    [Fact]
    public void A_training_step_through_every_kernel_allocates_nothing_after_warm_up()
    {
        const int batch = 4, inC = 2, size = 8, outC = 3, classes = 5, features = outC * 4 * 4;
        var random = new Random(75);
        float[] x = TestTensors.Uniform(random, batch * inC * size * size);
        float[] convW = TestTensors.Uniform(random, outC * inC * 9), convB = new float[outC];
        float[] denseW = TestTensors.Uniform(random, classes * features), denseB = new float[classes];
        byte[] labels = [0, 1, 2, 4];
        float[] scratch = new float[Sizes.Conv2dScratch(batch, inC, size, size, outC, 3, 3, 1, 1)];
        float[] conv = new float[batch * outC * size * size], pooled = new float[batch * features], averaged = new float[pooled.Length];
        float[] logits = new float[batch * classes], probabilities = new float[logits.Length];
        int[] argmax = new int[pooled.Length];
        float[] gradPooled = new float[pooled.Length], gradConv = new float[conv.Length], gradX = new float[x.Length];
        float[] gradConvW = new float[convW.Length], gradConvB = new float[outC], gradDenseW = new float[denseW.Length], gradDenseB = new float[classes];
        bool[] keep = Enumerable.Range(0, convW.Length).Select(i => i % 3 != 0).ToArray();
        var sgd = new Sgd(0.01f, momentum: 0.9f, nesterov: true, weightDecay: 1e-4f);
        int convSlot = sgd.RegisterWeights(convW.Length), denseSlot = sgd.RegisterWeights(denseW.Length);

        void Step()
        {
            Conv2d.Forward(x, convW, convB, conv, batch, inC, size, size, outC, 3, 3, 1, 1, scratch);
            Relu.Forward(conv, conv);
            MaxPool2d.Forward(conv, pooled, argmax, batch, outC, size, size, 2, 2, 2, 2);
            AvgPool2d.Forward(conv, averaged, batch, outC, size, size, 2, 2, 2, 2);
            AvgPool2d.Backward(averaged, gradConv, batch, outC, size, size, 2, 2, 2, 2);
            Dense.Forward(pooled, denseW, denseB, logits, batch, features, classes);
            SoftmaxCrossEntropy.Forward(logits, labels, batch, classes, probabilities);
            SoftmaxCrossEntropy.Backward(probabilities, labels, logits, batch, classes);
            Dense.Backward(pooled, denseW, logits, gradPooled, gradDenseW, gradDenseB, batch, features, classes);
            MaxPool2d.Backward(gradPooled, argmax, gradConv);
            Relu.Backward(conv, gradConv, gradConv);
            Conv2d.Backward(x, convW, gradConv, gradX, gradConvW, gradConvB, batch, inC, size, size, outC, 3, 3, 1, 1, scratch);
            sgd.Step(convW, gradConvW, convSlot, keep);
            sgd.Step(denseW, gradDenseW, denseSlot);
        }

        Step();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++)
        {
            Step();
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0);
    }
}
