using MapDsl.Runtime.Engine.Inference;

namespace MapDsl.Runtime.Engine.Graph;

/// <summary>
/// An immutable description of a network's layers: its input shape and one <see cref="GraphStep"/> per layer, each
/// with the shapes the generated <c>Model</c> passes to the runtime layers. Residual blocks are flattened into their
/// body's steps, their shortcut's steps and a <see cref="ResidualAddStep"/>; every step reads the output of one
/// earlier step (<see cref="SourceOf"/>), the addition also that of the shortcut (<see cref="ShortcutOf"/>). The generator emits one per network
/// (<c>MyNet.Graph</c>), so code that must treat layers generically, such as an incremental evaluator that starts
/// half-way through the network, can do so without reflection.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Run"/> makes the same kernel calls in the same order as the generated <c>Model.Forward</c>, with conv
/// scratch sized the same way (see <see cref="CreateWorkspace"/>), so its logits are bit-identical to the model's.
/// </para>
/// <para>
/// The inference pass of a network with batch norms or residual blocks runs depth-first, image by image, with the
/// batch norms folded into the convolutions and ReLUs and additions in their epilogues (<see cref="FusedInference"/>),
/// in an inference workspace and in <c>Model.Forward</c>: its outputs differ from the layer-by-layer pass's by
/// rounding, and it leaves no other activation in the workspace. <see cref="RunFrom"/>, and any pass in a training
/// workspace, go layer by layer. Version-1 networks (no batch norm, no residual block) always do.
/// </para>
/// </remarks>
public sealed class NetworkGraph
{
    private const int NoShortcut = int.MinValue;

    private readonly GraphStep[] _steps;
    private readonly int[] _sources;
    private readonly int[] _shortcuts;
    private readonly GraphStep[] _weighted;
    private readonly BatchNormStep[] _norms;

    // Backward: whether step i's input gradient (and an addition's shortcut gradient) is the first written into its
    // source's gradient buffer in reverse order (then it overwrites), or is added to an earlier one (a block input
    // feeds both the body and the shortcut).
    private readonly bool[] _overwritesSource;
    private readonly bool[] _overwritesShortcut;

    // The depth-first inference pass, or null for a network that keeps the layer-by-layer one (made on first use).
    private readonly Lazy<FusedPlan?> _fused;

    /// <summary>Describes a network.</summary>
    /// <param name="inputChannels">Input channels; a vector input of n values is (n, 1, 1).</param>
    /// <param name="inputHeight">Input height.</param>
    /// <param name="inputWidth">Input width.</param>
    /// <param name="nodes">
    /// The layers and blocks in order; each takes the previous one's output. Weighted steps number themselves 0, 1, ...
    /// in order (inside a block: body first, then shortcut), and batch norms likewise.
    /// </param>
    /// <exception cref="ArgumentException">Lengths disagree or the weighted or batch-norm indices are not 0, 1, ... in order.</exception>
    public NetworkGraph(int inputChannels, int inputHeight, int inputWidth, params GraphNode[] nodes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputHeight);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputWidth);
        ArgumentNullException.ThrowIfNull(nodes);
        InputChannels = inputChannels;
        InputHeight = inputHeight;
        InputWidth = inputWidth;
        InputLength = checked(inputChannels * inputHeight * inputWidth);

        var flat = new Flattening(InputLength);
        for (var i = 0; i < nodes.Length; i++)
        {
            switch (nodes[i])
            {
                case GraphStep step:
                    flat.Add(step, $"Step {flat.Steps.Count}");
                    break;
                case ResidualBlock block:
                    flat.Add(block);
                    break;
                default:
                    throw new ArgumentException($"Node {i} is null.", nameof(nodes));
            }
        }

        _steps = [.. flat.Steps];
        _sources = [.. flat.Sources];
        _shortcuts = [.. flat.Shortcuts];
        _weighted = [.. _steps.Where(step => step.IsWeighted)];
        _norms = [.. _steps.OfType<BatchNormStep>()];
        for (var k = 0; k < _weighted.Length; k++)
        {
            if (_weighted[k].WeightedIndex != k)
            {
                throw new ArgumentException($"{_weighted[k]} has weighted index {_weighted[k].WeightedIndex}; expected {k}.", nameof(nodes));
            }
        }

        for (var k = 0; k < _norms.Length; k++)
        {
            if (_norms[k].NormIndex != k || _norms[k].FoldsInto >= _weighted.Length)
            {
                throw new ArgumentException($"{_norms[k]} has batch-norm index {_norms[k].NormIndex} (expected {k}) and folds into weighted layer {_norms[k].FoldsInto}.", nameof(nodes));
            }
        }

        OutputLength = flat.Length;
        (_overwritesSource, _overwritesShortcut) = GradientWriters(_sources, _shortcuts);
        _fused = new(() => FusedPlan.TryCreate(this));
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

    /// <summary>The layers, in order, blocks flattened.</summary>
    public IReadOnlyList<GraphStep> Steps => _steps;

    /// <summary>The steps that hold weights (conv and dense), in order: entry i has <see cref="GraphStep.WeightedIndex"/> i.</summary>
    public IReadOnlyList<GraphStep> WeightedSteps => _weighted;

    /// <summary>The batch norms, in order: entry i has <see cref="BatchNormStep.NormIndex"/> i.</summary>
    public IReadOnlyList<BatchNormStep> NormSteps => _norms;

    /// <summary>How many layers hold weights.</summary>
    public int WeightedLayerCount => _weighted.Length;

    /// <summary>The position in <see cref="Steps"/> of weighted layer <paramref name="weightedIndex"/>.</summary>
    /// <param name="weightedIndex">0 .. <see cref="WeightedLayerCount"/> - 1.</param>
    public int StepOf(int weightedIndex) => Array.IndexOf(_steps, _weighted[weightedIndex]);

    /// <summary>The step whose output step <paramref name="step"/> reads: step - 1, except at the start of a shortcut; -1 is the network's input.</summary>
    /// <param name="step">0 .. Steps.Count - 1.</param>
    public int SourceOf(int step) => _sources[step];

    /// <summary>For a <see cref="ResidualAddStep"/>, the step whose output is the shortcut's (-1 for the network's input); null for every other step.</summary>
    /// <param name="step">0 .. Steps.Count - 1.</param>
    public int? ShortcutOf(int step) => _shortcuts[step] == NoShortcut ? null : _shortcuts[step];

    /// <summary>
    /// The steps before <paramref name="firstStep"/> whose outputs the steps from <paramref name="firstStep"/> on read
    /// (-1 for the network's input), in increasing order: what must be known to run the network's tail. For a
    /// sequential network that is step firstStep - 1 alone.
    /// </summary>
    /// <param name="firstStep">0 .. Steps.Count.</param>
    public IReadOnlyList<int> LiveBefore(int firstStep)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstStep);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(firstStep, _steps.Length);
        if (firstStep == _steps.Length)
        {
            return [firstStep - 1];
        }

        var live = new SortedSet<int>();
        for (var i = firstStep; i < _steps.Length; i++)
        {
            if (_sources[i] < firstStep)
            {
                live.Add(_sources[i]);
            }

            if (_shortcuts[i] != NoShortcut && _shortcuts[i] < firstStep)
            {
                live.Add(_shortcuts[i]);
            }
        }

        return [.. live];
    }

    /// <summary>Buffers for running batches of up to <paramref name="maxBatch"/> inputs; one per thread.</summary>
    /// <param name="maxBatch">The largest batch, at least 1.</param>
    /// <param name="forTraining">Whether to hold what <see cref="Backward"/> needs too.</param>
    public GraphWorkspace CreateWorkspace(int maxBatch = 256, bool forTraining = false) => new(this, maxBatch, forTraining);

    /// <summary>
    /// The outputs (logits) of a batch: the whole network, as the generated <c>Model.Forward</c> computes it.
    /// The result is a view of the workspace, valid until its next use. An inference pass in an inference workspace
    /// of a network with batch norms or residual blocks runs depth-first and leaves only the outputs in the workspace
    /// (see the remarks); in a training workspace it goes layer by layer, so that <see cref="Backward"/> can follow.
    /// </summary>
    /// <param name="input">[batch, <see cref="InputLength"/>].</param>
    /// <param name="batch">Inputs, 1 .. the workspace's MaxBatch.</param>
    /// <param name="weights">One array per weighted layer, in order, in PyTorch layout.</param>
    /// <param name="biases">One array per weighted layer, in order.</param>
    /// <param name="workspace">From <see cref="CreateWorkspace"/> of this graph; not shared between threads.</param>
    /// <param name="norms">One per batch norm, in order (a network without batch norms takes null).</param>
    /// <param name="training">
    /// Training mode: batch norms use the batch's statistics and update their running ones, dropout drops. Needs a
    /// training workspace.
    /// </param>
    public ReadOnlySpan<float> Run(
        ReadOnlySpan<float> input, int batch, IReadOnlyList<float[]> weights, IReadOnlyList<float[]> biases, GraphWorkspace workspace,
        IReadOnlyList<BatchNormParameters>? norms = null, bool training = false)
    {
        CheckRun(input, batch, weights, biases, workspace, norms);
        if (training && !workspace.ForTraining)
        {
            throw new ArgumentException("Training mode needs a workspace made with forTraining: true.", nameof(workspace));
        }

        // A training workspace keeps every activation, since a backward pass (in either mode) may follow.
        return training || workspace.ForTraining
            ? Execute(0, input, batch, weights, biases, workspace, norms, training)
            : Infer(input, batch, weights, biases, workspace, norms);
    }

    /// <summary>Whether <see cref="RunInference"/> runs depth-first (a network with batch norms or residual blocks).</summary>
    internal bool HasDepthFirstPlan => _fused.Value is not null;

    /// <summary>
    /// An inference pass for a caller that will not run <see cref="Backward"/> after it, even in a training workspace
    /// (<see cref="GraphModel{TWeights}.Forward"/>): depth-first when the network has a plan for it.
    /// </summary>
    internal ReadOnlySpan<float> RunInference(
        ReadOnlySpan<float> input, int batch, IReadOnlyList<float[]> weights, IReadOnlyList<float[]> biases, GraphWorkspace workspace,
        IReadOnlyList<BatchNormParameters>? norms)
    {
        CheckRun(input, batch, weights, biases, workspace, norms);
        return Infer(input, batch, weights, biases, workspace, norms);
    }

    private ReadOnlySpan<float> Infer(
        ReadOnlySpan<float> input, int batch, IReadOnlyList<float[]> weights, IReadOnlyList<float[]> biases, GraphWorkspace workspace,
        IReadOnlyList<BatchNormParameters>? norms)
    {
        if (_fused.Value is not { } plan)
        {
            return Execute(0, input, batch, weights, biases, workspace, norms, training: false);
        }

        workspace.LastRunTraining = false;
        workspace.LastRunFused = true;
        var outputs = workspace.Output(_steps.Length - 1, batch);
        FusedInference.Run(plan, input, batch, new FusedParameters(weights, biases, norms), workspace.FusedPacked(plan.PackedLength + 16), outputs);
        return outputs;
    }

    /// <summary>
    /// An inference pass layer by layer, whatever the network: every step's output stays in the workspace (where
    /// <see cref="GraphWorkspace.Activation"/> reads it), as the pass of <see cref="RunFrom"/> computes it.
    /// </summary>
    internal ReadOnlySpan<float> RunLayerByLayer(
        ReadOnlySpan<float> input, int batch, IReadOnlyList<float[]> weights, IReadOnlyList<float[]> biases, GraphWorkspace workspace,
        IReadOnlyList<BatchNormParameters>? norms)
    {
        CheckRun(input, batch, weights, biases, workspace, norms);
        return Execute(0, input, batch, weights, biases, workspace, norms, training: false);
    }

    /// <summary>
    /// The outputs of a batch computed from step <paramref name="firstStep"/> on, in inference mode: the tail of the
    /// network, for callers that already hold the activations it reads. Every step in <see cref="LiveBefore"/>
    /// (firstStep) must have its output in the workspace's buffer of that step (the input buffer for -1), e.g. copied
    /// from a cache.
    /// </summary>
    /// <param name="firstStep">0 .. Steps.Count; Steps.Count returns the last step's buffer.</param>
    /// <param name="batch">Inputs, 1 .. the workspace's MaxBatch.</param>
    /// <param name="weights">One array per weighted layer, in order.</param>
    /// <param name="biases">One array per weighted layer, in order.</param>
    /// <param name="workspace">From <see cref="CreateWorkspace"/> of this graph.</param>
    /// <param name="norms">One per batch norm, in order, or null for a network without.</param>
    public ReadOnlySpan<float> RunFrom(
        int firstStep, int batch, IReadOnlyList<float[]> weights, IReadOnlyList<float[]> biases, GraphWorkspace workspace,
        IReadOnlyList<BatchNormParameters>? norms = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstStep);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(firstStep, _steps.Length);
        CheckArguments(batch, weights, biases, workspace, norms);
        return Execute(firstStep, workspace.Activation(-1, batch), batch, weights, biases, workspace, norms, training: false);
    }

    /// <summary>
    /// The backward pass of the batch the workspace last ran from step 0: from dLoss/dOutput of the last step (which
    /// the caller writes into the workspace, e.g. the softmax cross-entropy's gradient) back to every weight, bias and
    /// batch-norm γ and β. No gradient is computed for the network's input, and steps that only lead back to it are
    /// skipped.
    /// </summary>
    /// <param name="input">The batch's input, as given to <see cref="Run"/>.</param>
    /// <param name="batch">Its inputs.</param>
    /// <param name="weights">The weights it ran with, one array per weighted layer.</param>
    /// <param name="weightGradients">dLoss/dWeights, one array per weighted layer, overwritten.</param>
    /// <param name="biasGradients">dLoss/dBias, one array per weighted layer, overwritten.</param>
    /// <param name="workspace">The training workspace the batch ran in.</param>
    /// <param name="norms">The batch norms it ran with, or null for a network without.</param>
    /// <param name="normGradients">Receives dLoss/dγ and dLoss/dβ, one per batch norm, or null for a network without.</param>
    public void Backward(
        ReadOnlySpan<float> input, int batch, IReadOnlyList<float[]> weights, IReadOnlyList<float[]> weightGradients, IReadOnlyList<float[]> biasGradients,
        GraphWorkspace workspace, IReadOnlyList<BatchNormParameters>? norms = null, IReadOnlyList<BatchNormParameters>? normGradients = null)
    {
        CheckArguments(batch, weights, weightGradients, workspace, norms);
        CheckArguments(batch, weights, biasGradients, workspace, normGradients);
        _ = workspace.Gradient(0, batch); // throws for an inference workspace
        if (workspace.LastRunFused)
        {
            throw new InvalidOperationException("The last run was a depth-first inference pass, which keeps no activations; run in training mode before a backward pass.");
        }

        var training = workspace.LastRunTraining;
        for (var i = _steps.Length - 1; i >= 0; i--)
        {
            var step = _steps[i];
            var source = _sources[i];
            var outputGradient = workspace.Gradient(i, batch);
            if (step is ResidualAddStep)
            {
                Pass(outputGradient, source, _overwritesSource[i], batch, workspace);
                Pass(outputGradient, _shortcuts[i], _overwritesShortcut[i], batch, workspace);
                continue;
            }

            if (source < 0 && !step.IsWeighted && step is not BatchNormStep)
            {
                continue; // nothing to learn and no input gradient wanted
            }

            var inputGradient = source < 0 ? Span<float>.Empty
                : _overwritesSource[i] ? workspace.Gradient(source, batch)
                : workspace.SpareGradient(step.InputLength, batch);
            var stepInput = source < 0 ? input : workspace.Output(source, batch);
            switch (step)
            {
                case BatchNormStep norm:
                    norm.Backward(stepInput, outputGradient, inputGradient, batch, norms![norm.NormIndex], normGradients![norm.NormIndex], training, workspace.Saved(i));
                    break;
                case DropoutStep when !training:
                    outputGradient.CopyTo(inputGradient); // an inference pass kept every value
                    break;
                default:
                    var k = step.WeightedIndex;
                    step.Backward(
                        stepInput,
                        workspace.Output(i, batch),
                        workspace.Indices(i, batch),
                        outputGradient,
                        inputGradient,
                        step.IsWeighted ? weights[k] : default,
                        step.IsWeighted ? weightGradients[k] : default,
                        step.IsWeighted ? biasGradients[k] : default,
                        batch,
                        workspace.Scratch);
                    break;
            }

            if (source >= 0 && !_overwritesSource[i])
            {
                Layers.VectorMath.AddInPlace(workspace.Gradient(source, batch), inputGradient);
            }
        }
    }

    // An addition's gradient reaches each of its inputs unchanged.
    private static void Pass(ReadOnlySpan<float> gradient, int target, bool overwrite, int batch, GraphWorkspace workspace)
    {
        if (target < 0)
        {
            return;
        }

        if (overwrite)
        {
            gradient.CopyTo(workspace.Gradient(target, batch));
        }
        else
        {
            Layers.VectorMath.AddInPlace(workspace.Gradient(target, batch), gradient);
        }
    }

    private ReadOnlySpan<float> Execute(
        int firstStep, ReadOnlySpan<float> input, int batch, IReadOnlyList<float[]> weights, IReadOnlyList<float[]> biases, GraphWorkspace workspace,
        IReadOnlyList<BatchNormParameters>? norms, bool training)
    {
        workspace.LastRunTraining = training;
        workspace.LastRunFused = false;
        for (var i = firstStep; i < _steps.Length; i++)
        {
            var step = _steps[i];
            var output = workspace.Output(i, batch);
            var source = _sources[i] < 0 ? input : workspace.Output(_sources[i], batch);
            switch (step)
            {
                case ResidualAddStep:
                    ResidualAddStep.Add(source, _shortcuts[i] < 0 ? input : workspace.Output(_shortcuts[i], batch), output);
                    break;
                case BatchNormStep norm:
                    norm.Forward(source, output, batch, norms![norm.NormIndex], training, training ? workspace.Saved(i) : default);
                    break;
                case DropoutStep dropout when training:
                    dropout.ForwardTraining(source, output, workspace.Indices(i, batch), batch, workspace.NextDropoutStream());
                    break;
                default:
                    var w = step.IsWeighted ? weights[step.WeightedIndex] : null;
                    var b = step.IsWeighted ? biases[step.WeightedIndex] : null;
                    step.Forward(source, w, b, output, workspace.Indices(i, batch), batch, workspace.Scratch);
                    break;
            }
        }

        return _steps.Length == 0 ? input : workspace.Output(_steps.Length - 1, batch);
    }

    private static (bool[] Source, bool[] Shortcut) GradientWriters(int[] sources, int[] shortcuts)
    {
        var written = new bool[sources.Length];
        var source = new bool[sources.Length];
        var shortcut = new bool[sources.Length];
        for (var i = sources.Length - 1; i >= 0; i--)
        {
            source[i] = First(sources[i]);
            shortcut[i] = shortcuts[i] != NoShortcut && First(shortcuts[i]);
        }

        return (source, shortcut);

        // true when target's gradient buffer has not been written yet (the network's input, -1, has none)
        bool First(int target)
        {
            if (target < 0 || written[target])
            {
                return false;
            }

            written[target] = true;
            return true;
        }
    }

    private void CheckRun(
        ReadOnlySpan<float> input, int batch, IReadOnlyList<float[]> weights, IReadOnlyList<float[]> biases, GraphWorkspace workspace,
        IReadOnlyList<BatchNormParameters>? norms)
    {
        CheckArguments(batch, weights, biases, workspace, norms);
        if (input.Length != batch * InputLength)
        {
            throw new ArgumentException($"A batch of {batch} needs {batch * InputLength} input values, got {input.Length}.", nameof(input));
        }
    }

    private void CheckArguments(
        int batch, IReadOnlyList<float[]> weights, IReadOnlyList<float[]> biases, GraphWorkspace workspace, IReadOnlyList<BatchNormParameters>? norms)
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

        if ((norms?.Count ?? 0) != _norms.Length)
        {
            throw new ArgumentException($"The network has {_norms.Length} batch norms; got {norms?.Count ?? 0} parameter sets.", nameof(norms));
        }
    }

    // Blocks become steps with explicit sources; the running length checks each step against what it reads.
    private sealed class Flattening(int inputLength)
    {
        private int _last = -1;

        public List<GraphStep> Steps { get; } = [];

        public List<int> Sources { get; } = [];

        public List<int> Shortcuts { get; } = [];

        public int Length { get; private set; } = inputLength;

        public void Add(GraphStep step, string what)
        {
            if (step is null or ResidualAddStep)
            {
                throw new ArgumentException($"{what} is null or a residual addition (blocks add their own).", "nodes");
            }

            Append(step, Steps.Count, NoShortcut, what);
        }

        public void Add(ResidualBlock block)
        {
            var blockInput = _last;
            var inputLength = Length;
            foreach (var step in block.Body)
            {
                Add(step, $"Step {Steps.Count} (residual {block.Name}, body)");
            }

            var body = _last;
            var bodyLength = Length;
            (_last, Length) = (blockInput, inputLength);
            foreach (var step in block.Shortcut)
            {
                Add(step, $"Step {Steps.Count} (residual {block.Name}, shortcut)");
            }

            if (Length != bodyLength)
            {
                throw new ArgumentException($"Residual block '{block.Name}': the body gives {bodyLength} values per image but the shortcut {Length}.", "nodes");
            }

            var shortcut = _last;
            _last = body;
            Append(new ResidualAddStep(block.Name, bodyLength), Steps.Count, shortcut, $"Step {Steps.Count} (residual {block.Name}, addition)");
        }

        private void Append(GraphStep step, int index, int shortcut, string what)
        {
            if (step.InputLength != Length)
            {
                throw new ArgumentException($"{what} ({step}) takes {step.InputLength} values per image but receives {Length}.", "nodes");
            }

            Steps.Add(step);
            Sources.Add(_last);
            Shortcuts.Add(shortcut);
            _last = index;
            Length = step.OutputLength;
        }
    }
}
