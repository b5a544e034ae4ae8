using MapDsl.Generator.Model;

namespace MapDsl.Generator.Emit
{
    /// <summary>
    /// How a network's <c>Weights</c> implement the runtime's <c>INetworkWeights&lt;TSelf&gt;</c>: the instance
    /// view by name, and the network-wide members (graph, zero weights, loading, a model) as static interface members,
    /// so that library code written once over the weights type runs any network.
    /// </summary>
    internal static class NetworkContractEmitter
    {
        public static string WeightsInterface(NetworkModel network) => $"{ContractNames.NetworkWeights}<{network.GlobalName}.Weights>";

        public static string ModelInterface(NetworkModel network) => $"{ContractNames.NetworkModel}<{network.GlobalName}.Weights>";

        /// <summary>The contract members inside the <c>Weights</c> class.</summary>
        public static void WriteWeightsMembers(SourceWriter w, NetworkModel network)
        {
            var net = network.GlobalName;
            var self = $"{net}.Weights";
            var contract = WeightsInterface(network);
            var hasWeights = System.Linq.Enumerable.Any(network.WeightedLayers);
            ExplicitMember.Write(w, "string", $"{ContractNames.NetworkWeights}.Network", $"{net}.Name");
            ExplicitMember.Write(w, $"{ContractNames.ReadOnlyList}<string>", $"{ContractNames.NetworkWeights}.LayerNames", $"{net}.WeightedLayerNames");
            ExplicitMember.Write(w, "static global::MapDsl.Runtime.Engine.Graph.NetworkGraph", $"{contract}.Graph", $"{net}.Graph");
            ExplicitMember.Write(w, $"static {self}", $"{contract}.Zero()", $"new {self}()");
            ExplicitMember.Write(w, $"static {self}", $"{contract}.LoadSafetensors(string path)", hasWeights
                ? "LoadSafetensors(path)"
                : $"throw new global::System.NotSupportedException({Literal.Of($"Network {network.Name} has no weighted layer, so there are no weights to load.")})");
            ExplicitMember.Write(w, $"static {ModelInterface(network)}", $"{contract}.CreateModel(int maxBatch)", network.Layers.Count > 0
                ? $"new {net}.Model(maxBatch)"
                : $"throw new global::System.NotSupportedException({Literal.Of($"Network {network.Name} has no layers, so there is nothing to compute.")})");
            if (!hasWeights)
            {
                // With weighted layers the public SaveSafetensors implements the contract itself.
                ExplicitMember.Write(
                    w,
                    "void",
                    $"{contract}.SaveSafetensors(string path, global::System.Collections.Generic.IReadOnlyDictionary<string, string>? metadata)",
                    $"throw new global::System.NotSupportedException({Literal.Of($"Network {network.Name} has no weighted layer, so there are no weights to save.")})");
            }
        }
    }
}
