namespace MapDsl.Runtime.Engine.Graph;

/// <summary>
/// The buffers one thread needs to run a <see cref="NetworkGraph"/>: one output buffer per step and the conv scratch,
/// allocated once for a maximum batch so that runs allocate nothing. Not thread-safe: one per thread.
/// </summary>
/// <remarks>
/// The scratch is sized exactly as the generated <c>Model</c> sizes its own (room for min(maxBatch, 64) images per
/// GEMM in the largest conv), because the number of images per GEMM decides whether the bias is added before or after
/// the product, and that must match for bit-identical results.
/// </remarks>
public sealed class GraphWorkspace
{
    // im2col of several images shares one GEMM; 64 images bound the scratch while keeping GEMMs large (as the generated model).
    private const int MostImagesPerGemm = 64;

    private readonly float[][] _outputs;

    internal GraphWorkspace(NetworkGraph graph, int maxBatch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        Graph = graph;
        MaxBatch = maxBatch;
        _outputs = graph.Steps.Select(step => new float[checked(maxBatch * step.OutputLength)]).ToArray();
        var imagesPerGemm = Math.Min(maxBatch, MostImagesPerGemm);
        Scratch = new float[graph.Steps.Select(step => step.ScratchFor(imagesPerGemm)).DefaultIfEmpty(0).Max()];
    }

    /// <summary>The graph this workspace serves.</summary>
    public NetworkGraph Graph { get; }

    /// <summary>The largest batch the buffers hold.</summary>
    public int MaxBatch { get; }

    /// <summary>Conv scratch shared by every step.</summary>
    internal float[] Scratch { get; }

    /// <summary>The first batch · OutputLength values of step <paramref name="step"/>'s output buffer.</summary>
    internal Span<float> Output(int step, int batch) => _outputs[step].AsSpan(0, batch * Graph.Steps[step].OutputLength);
}
