using MapDsl.Runtime.Engine.Graph;

namespace MapDsl.Runtime.Contract.StandIns;

/// <summary>
/// The <c>Weights</c> of a network with errors: the network's contract (<see cref="INetworkWeights{TSelf}"/>), so that
/// code generic over weights types (<c>DifferentialNetwork&lt;LeNet5.Weights&gt;</c>) still compiles. Its per-layer
/// constructor and members cannot exist: the layers are what failed.
/// </summary>
/// <typeparam name="TSelf">The generated stand-in <c>Weights</c>.</typeparam>
public abstract class NetworkWeightsStandIn<TSelf> : INetworkWeights<TSelf>
    where TSelf : NetworkWeightsStandIn<TSelf>, IStandIn
{
    /// <summary>The real type's <c>new Weights()</c> (all zeros).</summary>
    protected NetworkWeightsStandIn() => throw DeclarationHasErrorsException.Of<TSelf>();

    static NetworkGraph INetworkWeights<TSelf>.Graph => throw DeclarationHasErrorsException.Of<TSelf>();

    string INetworkWeights.Network => throw DeclarationHasErrorsException.Of<TSelf>();

    IReadOnlyList<string> INetworkWeights.LayerNames => throw DeclarationHasErrorsException.Of<TSelf>();

    IReadOnlyList<BatchNormParameters> INetworkWeights.Norms => throw DeclarationHasErrorsException.Of<TSelf>();

    /// <inheritdoc cref="INetworkWeights{TSelf}.LoadSafetensors"/>
    public static TSelf LoadSafetensors(string path) => throw DeclarationHasErrorsException.Of<TSelf>();

    /// <inheritdoc cref="INetworkWeights.WeightsOf"/>
    public float[] WeightsOf(string layer) => throw DeclarationHasErrorsException.Of<TSelf>();

    /// <inheritdoc cref="INetworkWeights.BiasOf"/>
    public float[] BiasOf(string layer) => throw DeclarationHasErrorsException.Of<TSelf>();

    /// <inheritdoc cref="INetworkWeights{TSelf}.Clone"/>
    public TSelf Clone() => throw DeclarationHasErrorsException.Of<TSelf>();

    /// <inheritdoc cref="INetworkWeights{TSelf}.SaveSafetensors"/>
    public void SaveSafetensors(string path, IReadOnlyDictionary<string, string>? metadata = null) => throw DeclarationHasErrorsException.Of<TSelf>();

    static TSelf INetworkWeights<TSelf>.Zero() => throw DeclarationHasErrorsException.Of<TSelf>();

    static INetworkModel<TSelf> INetworkWeights<TSelf>.CreateModel(int maxBatch) => throw DeclarationHasErrorsException.Of<TSelf>();
}
