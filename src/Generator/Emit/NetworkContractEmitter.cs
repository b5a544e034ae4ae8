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
            w.Line($"string {ContractNames.NetworkWeights}.Network => {net}.Name;");
            w.Line();
            w.Line($"{ContractNames.ReadOnlyList}<string> {ContractNames.NetworkWeights}.LayerNames => {net}.WeightedLayerNames;");
            w.Line();
            w.Line($"static global::MapDsl.Runtime.Engine.Graph.NetworkGraph {contract}.Graph => {net}.Graph;");
            w.Line();
            w.Line($"static {self} {contract}.Zero() => new {self}();");
            w.Line();
            w.Line(System.Linq.Enumerable.Any(network.WeightedLayers)
                ? $"static {self} {contract}.LoadSafetensors(string path) => LoadSafetensors(path);"
                : $"static {self} {contract}.LoadSafetensors(string path) => throw new global::System.NotSupportedException({Literal.Of($"Network {network.Name} has no weighted layer, so there are no weights to load.")});");
            w.Line();
            w.Line(network.Layers.Count > 0
                ? $"static {ModelInterface(network)} {contract}.CreateModel(int maxBatch) => new {net}.Model(maxBatch);"
                : $"static {ModelInterface(network)} {contract}.CreateModel(int maxBatch) => throw new global::System.NotSupportedException({Literal.Of($"Network {network.Name} has no layers, so there is nothing to compute.")});");
        }
    }
}
