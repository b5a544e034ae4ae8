using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MapDsl.Runtime.Engine.Graph;

namespace MapDsl.Runtime.Engine.Inference;

/// <summary>
/// The inference pass of a network with batch norms or residual blocks, depth-first: each image goes through the
/// whole <see cref="FusedPlan"/> before the next, in a per-thread buffer of a few hundred KB that stays in L2, where
/// the layer-by-layer pass writes every activation of the batch (megabytes) to memory and reads it back, once per
/// step. Batch norms are folded into the convolutions' weights per call, and ReLUs and residual additions run in
/// the convolutions' epilogues, so they cost no pass at all.
/// </summary>
/// <remarks>
/// Every image is computed by the same ops in the same order whatever the batch, its place in it or the thread:
/// results depend on neither the batch size nor the thread count. They differ from the layer-by-layer pass's by
/// rounding (folded weights, another order of the sums).
/// </remarks>
internal static unsafe class FusedInference
{
    // 64-byte alignment for the zmm loads and stores.
    private const int AlignFloats = 16;

    [ThreadStatic]
    private static ConditionalWeakTable<FusedPlan, float[]>? t_buffers;

    /// <summary>The outputs of a batch.</summary>
    /// <param name="plan">The graph's plan.</param>
    /// <param name="input">[batch, InputLength].</param>
    /// <param name="batch">Images.</param>
    /// <param name="parameters">The call's weights, biases and batch norms.</param>
    /// <param name="packed">Pinned, at least PackedLength + 16 floats: the packed parameters, overwritten.</param>
    /// <param name="output">[batch, OutputLength], overwritten.</param>
    public static void Run(FusedPlan plan, ReadOnlySpan<float> input, int batch, in FusedParameters parameters, float[] packed, Span<float> output)
    {
        var start = Aligned(packed);
        plan.Pack(parameters, start);
        fixed (float* x = input, y = output)
        {
            var pass = new ImagePass(plan, x, start, y, input.Length / batch, output.Length / batch);
            ParallelItems.Run(pass, batch, plan.BufferFloats);
        }
    }

    private static float* Aligned(float[] pinned)
    {
        var first = (float*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(pinned));
        var misalignment = (int)((nuint)first % (AlignFloats * sizeof(float))) / sizeof(float);
        return first + ((AlignFloats - misalignment) % AlignFloats);
    }

    // This thread's buffer for the plan, zeroed once: no op writes a border or the slack, so they stay zero.
    private static float* Buffer(FusedPlan plan) =>
        Aligned((t_buffers ??= []).GetValue(plan, static plan => GC.AllocateArray<float>(plan.BufferFloats + AlignFloats, pinned: true)));

    private readonly struct ImagePass(FusedPlan plan, float* input, float* packed, float* output, int inputLength, int outputLength) : IItemPass
    {
        public void Run(int start, int end)
        {
            var values = Buffer(plan);
            for (var image = start; image < end; image++)
            {
                plan.RunImage(values, packed, input + ((long)image * inputLength), output + ((long)image * outputLength));
            }
        }
    }
}
