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

    // One per calling thread, reused, so that a call allocates nothing.
    [ThreadStatic]
    private static ImageJob? t_job;

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
            var job = t_job ??= new ImageJob();
            job.Start(plan, x, start, y, batch);
            var threads = Math.Min(Gemm.Parallelism, batch);
            if (threads < 2 || !WorkerPool.TryRun(job, helpers: threads - 1))
            {
                job.Help();
            }
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

    /// <summary>
    /// The images of one call, taken one at a time by whichever thread is free: an image is about 100 µs of work, so
    /// a thread the OS deschedules on a busy machine holds the batch up by one image, not by its share of the batch.
    /// </summary>
    private sealed class ImageJob : ISharedWork
    {
        private FusedPlan _plan = null!;
        private float* _input;
        private float* _packed;
        private float* _output;
        private int _images;
        private int _next;

        public void Start(FusedPlan plan, float* input, float* packed, float* output, int images)
        {
            _plan = plan;
            _input = input;
            _packed = packed;
            _output = output;
            _images = images;
            _next = 0;
        }

        public void Help()
        {
            var values = Buffer(_plan);
            for (var image = Interlocked.Increment(ref _next) - 1; image < _images; image = Interlocked.Increment(ref _next) - 1)
            {
                _plan.RunImage(values, _packed, _input + ((long)image * _plan.InputLength), _output + ((long)image * _plan.OutputLength));
            }
        }
    }
}
