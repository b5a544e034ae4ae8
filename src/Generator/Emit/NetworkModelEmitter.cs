using MapDsl.Generator.Model;

namespace MapDsl.Generator.Emit
{
    /// <summary>
    /// The typed model of a network: the runtime's <c>GraphModel</c> over the network's <c>Graph</c>, named for
    /// the network. The forward and backward passes are the graph's steps, written once in the runtime, so the model,
    /// test accuracy and the campaigns' incremental evaluation all compute a network the same way.
    /// </summary>
    internal static class NetworkModelEmitter
    {
        public const string GraphModel = "global::MapDsl.Runtime.Engine.Graph.GraphModel";

        public static void Write(SourceWriter w, NetworkModel network)
        {
            var input = network.Input.IsVector ? $"{network.Input.Length}" : $"{network.Input.Channels}, {network.Input.Height}, {network.Input.Width}";
            w.Summary($"Forward and training passes of {network.Name} on batches of up to MaxBatch inputs: the layers of {network.Name}.Graph, computed by the runtime.\n"
                      + $"Inputs are [batch, {input}] row-major; outputs are [batch, {network.Output.Length}] logits.\n"
                      + "One instance is not thread-safe (it owns its buffers); use one per thread.");
            using (w.Block($"public sealed class Model : {GraphModel}<{network.GlobalName}.Weights>"))
            {
                w.Summary("Allocates every buffer for batches of up to `maxBatch` inputs.");
                using (w.Block("public Model(int maxBatch = 256) : base(maxBatch)"))
                {
                }
            }
        }
    }
}
