namespace MapDsl.Runtime.Engine.Graph;

/// <summary>
/// The buffers one thread needs to run a <see cref="NetworkGraph"/>: one output buffer per step and the conv scratch,
/// and for training one gradient buffer per step and the indices max pooling records, allocated once for a maximum
/// batch so that runs allocate nothing. Not thread-safe: one per thread.
/// </summary>
/// <remarks>
/// The scratch has room for min(maxBatch, 64) images per GEMM in the largest conv. The number of images per GEMM
/// decides whether the bias is added before or after the product, so it must not depend on anything else for
/// results to be bit-identical between workspaces of the same maximum batch.
/// </remarks>
public sealed class GraphWorkspace
{
    // im2col of several images shares one GEMM; 64 images bound the scratch while keeping GEMMs large (as the generated model).
    private const int MostImagesPerGemm = 64;

    private readonly float[][] _outputs;
    private readonly float[][] _gradients;
    private readonly int[][] _indices;
    private readonly float[][] _saved;
    private readonly float[] _input;
    private readonly float[] _spareGradient;
    private ulong _dropoutCalls;
    private float[] _fusedPacked = [];

    internal GraphWorkspace(NetworkGraph graph, int maxBatch, bool forTraining)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        Graph = graph;
        MaxBatch = maxBatch;
        ForTraining = forTraining;
        _outputs = graph.Steps.Select(step => new float[checked(maxBatch * step.OutputLength)]).ToArray();
        _gradients = graph.Steps.Select(step => forTraining ? new float[checked(maxBatch * step.OutputLength)] : []).ToArray();
        _indices = graph.Steps.Select(step => forTraining ? new int[checked(maxBatch * step.IndexLength)] : []).ToArray();
        _saved = graph.Steps.Select(step => forTraining && step is BatchNormStep norm ? new float[norm.SavedLength] : []).ToArray();
        _input = new float[checked(maxBatch * graph.InputLength)];
        _spareGradient = forTraining ? new float[checked(maxBatch * graph.Steps.Select(step => step.InputLength).DefaultIfEmpty(0).Max())] : [];
        var imagesPerGemm = Math.Min(maxBatch, MostImagesPerGemm);
        Scratch = new float[graph.Steps.Select(step => step.ScratchFor(imagesPerGemm)).DefaultIfEmpty(0).Max()];
    }

    /// <summary>The graph this workspace serves.</summary>
    public NetworkGraph Graph { get; }

    /// <summary>The largest batch the buffers hold.</summary>
    public int MaxBatch { get; }

    /// <summary>Conv scratch shared by every step.</summary>
    internal float[] Scratch { get; }

    /// <summary>Whether the workspace holds gradients and indices for <see cref="NetworkGraph.Backward"/>.</summary>
    public bool ForTraining { get; }

    /// <summary>
    /// Seeds the random streams of dropout in training mode: the same seed and the same sequence of training passes
    /// drop the same values. Setting it restarts the sequence.
    /// </summary>
    public ulong DropoutSeed
    {
        get;
        set
        {
            field = value;
            _dropoutCalls = 0;
        }
    }

    /// <summary>Whether the last run was in training mode (the backward pass follows it).</summary>
    internal bool LastRunTraining { get; set; }

    /// <summary>Whether the last run went depth-first (<see cref="Inference.FusedInference"/>), leaving only the outputs.</summary>
    internal bool LastRunFused { get; set; }

    /// <summary>Pinned room for the fused path's packed parameters, at least <paramref name="floats"/>; grown once.</summary>
    internal float[] FusedPacked(int floats)
    {
        if (_fusedPacked.Length < floats)
        {
            _fusedPacked = GC.AllocateArray<float>(floats, pinned: true);
        }

        return _fusedPacked;
    }

    /// <summary>
    /// The output buffer of step <paramref name="step"/>, or for -1 the input buffer: where
    /// <see cref="NetworkGraph.RunFrom"/> finds the activations it reads from before its first step.
    /// </summary>
    /// <param name="step">-1 .. Steps.Count - 1.</param>
    /// <param name="batch">Images.</param>
    internal Span<float> Activation(int step, int batch) =>
        step < 0 ? _input.AsSpan(0, batch * Graph.InputLength) : Output(step, batch);

    /// <summary>What a training forward pass of batch norm step <paramref name="step"/> saved for its backward pass.</summary>
    internal Span<float> Saved(int step) => _saved[step];

    /// <summary>Scratch for an input gradient that is added to, not written into, its source's buffer.</summary>
    internal Span<float> SpareGradient(int length, int batch) => _spareGradient.AsSpan(0, batch * length);

    /// <summary>The random stream of the next dropout call in training mode.</summary>
    internal ulong NextDropoutStream() => Faults.SplitMix64.Mix(Faults.SplitMix64.Mix(DropoutSeed) + (++_dropoutCalls * Faults.SplitMix64.Gamma));

    /// <summary>The first batch · OutputLength values of step <paramref name="step"/>'s output buffer.</summary>
    internal Span<float> Output(int step, int batch) => _outputs[step].AsSpan(0, batch * Graph.Steps[step].OutputLength);

    /// <summary>dLoss/dOutput of a step: set the last step's before <see cref="NetworkGraph.Backward"/>, which fills the others.</summary>
    internal Span<float> Gradient(int step, int batch) => ForTraining
        ? _gradients[step].AsSpan(0, batch * Graph.Steps[step].OutputLength)
        : throw new InvalidOperationException("This workspace was made for inference; create it with forTraining: true to run backward passes.");

    // Empty unless training: then max pooling records its argmax and dropout its mask for the backward pass.
    internal Span<int> Indices(int step, int batch) => _indices[step].AsSpan(0, _indices[step].Length == 0 ? 0 : batch * Graph.Steps[step].IndexLength);
}
