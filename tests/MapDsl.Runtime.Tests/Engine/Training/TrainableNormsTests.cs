using MapDsl.Runtime.Engine.Training;
using MapDsl.Runtime.Tests.Engine.Graph;
using MapDsl.Runtime.Tests.Support;

namespace MapDsl.Runtime.Tests.Engine.Training;

/// <summary>
/// <see cref="TrainableLayer.From(MapDsl.Runtime.Contract.INetworkWeights, MapDsl.Runtime.Contract.INetworkWeights, IReadOnlyList{bool[]}?)"/>
/// on a network with batch norms: after the weighted layers, one trainable layer per batch norm whose weights are γ and
/// biases β (the arrays themselves, so an optimizer step updates them), paired with the gradient container's γ and β.
/// </summary>
public sealed class TrainableNormsTests
{
    [Fact]
    public void Batch_norms_train_as_layers_of_gamma_and_beta_after_the_weighted_layers()
    {
        var weights = new BlockNetWeights(BlockNet.Random(new Random(171)));
        var gradients = BlockNetWeights.Zero();
        bool[][] keep = [.. weights.Weights.Select(w => Enumerable.Repeat(true, w.Length).ToArray())];

        var layers = TrainableLayer.From(weights, gradients, keep);

        layers.Select(l => l.Name).ShouldBe(BlockNet.LayerNames.Concat(BlockNet.Norms.Select(n => n.Name)));
        for (int k = 0; k < weights.Weights.Length; k++)
        {
            layers[k].Weights.ShouldBeSameAs(weights.Weights[k]);
            layers[k].Keep.ShouldBeSameAs(keep[k]);
        }

        for (int k = 0; k < BlockNet.Norms.Length; k++)
        {
            var layer = layers[weights.Weights.Length + k];
            layer.Weights.ShouldBeSameAs(weights.Norms[k].Gamma);
            layer.Bias.ShouldBeSameAs(weights.Norms[k].Beta);
            layer.WeightGradient.ShouldBeSameAs(gradients.Norms[k].Gamma);
            layer.BiasGradient.ShouldBeSameAs(gradients.Norms[k].Beta);
            layer.Keep.ShouldBeNull();
        }
    }
}
