namespace MapDsl.Runtime.Engine.Graph;

/// <summary>
/// An immutable description of a network's layer sequence: its input shape and one <see cref="GraphStep"/> per layer,
/// each with the shapes the generated <c>Model</c> passes to the runtime layers. The generator emits one per network
/// (<c>MyNet.Graph</c>), so code that must treat layers generically, such as an incremental evaluator that starts
/// half-way through the network, can do so without reflection.
/// </summary>
/// <remarks>
/// <see cref="Run"/> makes the same kernel calls in the same order as the generated <c>Model.Forward</c>, with conv
/// scratch sized the same way (see <see cref="CreateWorkspace"/>), so its logits are bit-identical to the model's.
/// </remarks>
public sealed class NetworkGraph
{
    private readonly GraphStep[] _steps;
    private readonly GraphStep[] _weighted;

    /// <summary>Describes a network.</summary>
    /// <param name="inputChannels">Input channels; a vector input of n values is (n, 1, 1).</param>
    /// <param name="inputHeight">Input height.</param>
    /// <param name="inputWidth">Input width.</param>
    /// <param name="steps">The layers in order; each takes the previous one's output, and weighted steps number themselves 0, 1, ... in order.</param>
    /// <exception cref="ArgumentException">Consecutive lengths disagree or the weighted indices are not 0, 1, ... in order.</exception>
    public NetworkGraph(int inputChannels, int inputHeight, int inputWidth, params GraphStep[] steps)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputHeight);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputWidth);
        ArgumentNullException.ThrowIfNull(steps);
        InputChannels = inputChannels;
        InputHeight = inputHeight;
        InputWidth = inputWidth;
        InputLength = checked(inputChannels * inputHeight * inputWidth);
        _steps = (GraphStep[])steps.Clone();

        var weighted = new List<GraphStep>();
        var length = InputLength;
        for (var i = 0; i < _steps.Length; i++)
        {
            var step = _steps[i] ?? throw new ArgumentException($"Step {i} is null.", nameof(steps));
            if (step.InputLength != length)
            {
                throw new ArgumentException($"Step {i} ({step}) takes {step.InputLength} values per image but receives {length}.", nameof(steps));
            }

            if (step.IsWeighted)
            {
                if (step.WeightedIndex != weighted.Count)
                {
                    throw new ArgumentException($"Step {i} ({step}) has weighted index {step.WeightedIndex}; expected {weighted.Count}.", nameof(steps));
                }

                weighted.Add(step);
            }

            length = step.OutputLength;
        }

        _weighted = weighted.ToArray();
        OutputLength = length;
    }

    /// <summary>Input channels (the length, for a vector input).</summary>
    public int InputChannels { get; }

    /// <summary>Input height (1 for a vector input).</summary>
    public int InputHeight { get; }

    /// <summary>Input width (1 for a vector input).</summary>
    public int InputWidth { get; }

    /// <summary>Values of one input image.</summary>
    public int InputLength { get; }

    /// <summary>Values of one output: the logits, for a classifier.</summary>
    public int OutputLength { get; }

    /// <summary>The layers, in order.</summary>
    public IReadOnlyList<GraphStep> Steps => _steps;

    /// <summary>The steps that hold weights (conv and dense), in order: entry i has <see cref="GraphStep.WeightedIndex"/> i.</summary>
    public IReadOnlyList<GraphStep> WeightedSteps => _weighted;

    /// <summary>How many layers hold weights.</summary>
    public int WeightedLayerCount => _weighted.Length;

    /// <summary>The position in <see cref="Steps"/> of weighted layer <paramref name="weightedIndex"/>.</summary>
    /// <param name="weightedIndex">0 .. <see cref="WeightedLayerCount"/> - 1.</param>
    public int StepOf(int weightedIndex) => Array.IndexOf(_steps, _weighted[weightedIndex]);

    /// <summary>Buffers for running batches of up to <paramref name="maxBatch"/> inputs; one per thread.</summary>
    /// <param name="maxBatch">The largest batch, at least 1.</param>
    /// <param name="forTraining">Whether to hold what <see cref="Backward"/> needs too.</param>
    public GraphWorkspace CreateWorkspace(int maxBatch = 256, bool forTraining = false) => new(this, maxBatch, forTraining);

    /// <summary>
    /// The outputs (logits) of a batch: the whole network, as the generated <c>Model.Forward</c> computes it.
    /// The result is a view of the workspace, valid until its next use.
    /// </summary>
    /// <param name="input">[batch, <see cref="InputLength"/>].</param>
    /// <param name="batch">Inputs, 1 .. the workspace's MaxBatch.</param>
    /// <param name="weights">One array per weighted layer, in order, in PyTorch layout.</param>
    /// <param name="biases">One array per weighted layer, in order.</param>
    /// <param name="workspace">From <see cref="CreateWorkspace"/> of this graph; not shared between threads.</param>
    public ReadOnlySpan<float> Run(
        ReadOnlySpan<float> input, int batch, IReadOnlyList<float[]> weights, IReadOnlyList<float[]> biases, GraphWorkspace workspace) =>
        RunFrom(0, input, batch, weights, biases, workspace);

    /// <summary>
    /// The outputs of a batch computed from step <paramref name="firstStep"/> on, given that step's input: the tail
    /// of the network, for callers that already hold an intermediate activation.
    /// </summary>
    /// <param name="firstStep">0 .. Steps.Count; Steps.Count returns the input itself.</param>
    /// <param name="input">[batch, Steps[firstStep].InputLength]; may be a view of this workspace's buffer of step firstStep - 1.</param>
    /// <param name="batch">Inputs, 1 .. the workspace's MaxBatch.</param>
    /// <param name="weights">One array per weighted layer, in order.</param>
    /// <param name="biases">One array per weighted layer, in order.</param>
    /// <param name="workspace">From <see cref="CreateWorkspace"/> of this graph.</param>
    public ReadOnlySpan<float> RunFrom(
        int firstStep, ReadOnlySpan<float> input, int batch, IReadOnlyList<float[]> weights, IReadOnlyList<float[]> biases, GraphWorkspace workspace)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstStep);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(firstStep, _steps.Length);
        CheckArguments(batch, weights, biases, workspace);
        var length = firstStep < _steps.Length ? _steps[firstStep].InputLength : OutputLength;
        if (input.Length != batch * length)
        {
            throw new ArgumentException($"A batch of {batch} needs {batch * length} input values, got {input.Length}.", nameof(input));
        }

        var current = input;
        for (var i = firstStep; i < _steps.Length; i++)
        {
            var step = _steps[i];
            var output = workspace.Output(i, batch);
            var w = step.IsWeighted ? weights[step.WeightedIndex] : null;
            var b = step.IsWeighted ? biases[step.WeightedIndex] : null;
            step.Forward(current, w, b, output, workspace.Indices(i, batch), batch, workspace.Scratch);
            current = output;
        }

        return current;
    }

    /// <summary>
    /// The backward pass of the batch the workspace last ran from step 0: from dLoss/dOutput of the last step (which
    /// the caller writes into the workspace, e.g. the softmax cross-entropy's gradient) back to every weight and bias.
    /// The first step computes no input gradient, and a first step without weights is skipped.
    /// </summary>
    /// <param name="input">The batch's input, as given to <see cref="Run"/>.</param>
    /// <param name="batch">Its inputs.</param>
    /// <param name="weights">The weights it ran with, one array per weighted layer.</param>
    /// <param name="weightGradients">dLoss/dWeights, one array per weighted layer, overwritten.</param>
    /// <param name="biasGradients">dLoss/dBias, one array per weighted layer, overwritten.</param>
    /// <param name="workspace">The training workspace the batch ran in.</param>
    public void Backward(
        ReadOnlySpan<float> input, int batch, IReadOnlyList<float[]> weights, IReadOnlyList<float[]> weightGradients, IReadOnlyList<float[]> biasGradients, GraphWorkspace workspace)
    {
        CheckArguments(batch, weights, weightGradients, workspace);
        CheckArguments(batch, weights, biasGradients, workspace);
        for (var i = _steps.Length - 1; i >= 0; i--)
        {
            var step = _steps[i];
            if (i == 0 && !step.IsWeighted)
            {
                continue; // nothing to learn and no input gradient wanted
            }

            var k = step.WeightedIndex;
            step.Backward(
                i == 0 ? input : workspace.Output(i - 1, batch),
                workspace.Output(i, batch),
                workspace.Indices(i, batch),
                workspace.Gradient(i, batch),
                i == 0 ? Span<float>.Empty : workspace.Gradient(i - 1, batch),
                step.IsWeighted ? weights[k] : default,
                step.IsWeighted ? weightGradients[k] : default,
                step.IsWeighted ? biasGradients[k] : default,
                batch,
                workspace.Scratch);
        }
    }

    private void CheckArguments(int batch, IReadOnlyList<float[]> weights, IReadOnlyList<float[]> biases, GraphWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(biases);
        ArgumentNullException.ThrowIfNull(workspace);
        if (!ReferenceEquals(workspace.Graph, this))
        {
            throw new ArgumentException("The workspace was made for another graph.", nameof(workspace));
        }

        if (batch < 1 || batch > workspace.MaxBatch)
        {
            throw new ArgumentOutOfRangeException(nameof(batch), batch, $"The batch must be 1..{workspace.MaxBatch} (the workspace's MaxBatch).");
        }

        if (weights.Count != _weighted.Length || biases.Count != _weighted.Length)
        {
            throw new ArgumentException(
                $"The network has {_weighted.Length} weighted layers; got {weights.Count} weight and {biases.Count} bias arrays.", nameof(weights));
        }
    }
}
