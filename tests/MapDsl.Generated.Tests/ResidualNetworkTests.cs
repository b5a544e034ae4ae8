using System.Runtime.InteropServices;
using Lab.ResNet;
using MapDsl.Runtime.Engine.Graph;
using MapDsl.Runtime.Interchange;

namespace MapDsl.Generated.Tests;

/// <summary>
/// The generated code of version 2 networks (examples/xmap/resnet8.xmap, Xmap/residual.xmap), compiled by the real
/// compiler: graph structure and names, weights with batch norms through safetensors bit for bit, mapping that folds
/// batch norms, and pruning by qualified name. (The forward pass itself is checked against PyTorch elsewhere.)
/// </summary>
public sealed class ResidualNetworkTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mapdsl-resnet-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void The_graph_has_qualified_steps_blocks_and_batch_norms_that_fold_into_their_layers()
    {
        var graph = ResNet8.Graph;

        ResNet8.WeightedLayerNames.ShouldBe(["stem", "r1.a", "r1.b", "r2.a", "r2.b", "r2.s", "r3.a", "r3.b", "r3.s", "fc"]);
        graph.WeightedSteps.Select(s => s.Name).ShouldBe(ResNet8.WeightedLayerNames);
        graph.NormSteps.Select(s => (s.Name, s.FoldsInto)).ShouldBe([
            ("stem_bn", 0), ("r1.a_bn", 1), ("r1.b_bn", 2), ("r2.a_bn", 3), ("r2.b_bn", 4), ("r2.s_bn", 5), ("r3.a_bn", 6), ("r3.b_bn", 7), ("r3.s_bn", 8)]);
        graph.Steps.OfType<ResidualAddStep>().Count().ShouldBe(3);
        graph.InputLength.ShouldBe(ResNet8.Input.Length);
        graph.OutputLength.ShouldBe(ResNet8.Output.Length);
        ResNet8.R2_S.MatrixRows.ShouldBe(16); // a 1x1 projection of 16 channels
        new ResNet8.Weights().Norms.Select(n => n.Name).ShouldBe(graph.NormSteps.Select(s => s.Name));
    }

    [Fact]
    public void A_digital_batch_norm_an_empty_shortcut_and_a_batch_norm_on_a_vector()
    {
        var graph = Test.Residual.Mixed.Graph;

        graph.NormSteps.Select(s => (s.Name, s.FoldsInto, s.Channels, s.Plane)).ShouldBe([("digital", -1, 4, 36), ("d_bn", 2, 8, 1)]);
        graph.WeightedSteps.Select(s => s.Name).ShouldBe(["c", "same.a", "d", "v.e", "out"]);
        graph.Steps.OfType<ResidualAddStep>().Count().ShouldBe(2);
        graph.OutputLength.ShouldBe(3);
    }

    [Fact]
    public void Weights_with_batch_norms_round_trip_through_safetensors_bit_for_bit()
    {
        var weights = Random(seed: 3);
        var path = Path.Combine(_folder, "resnet8.safetensors");

        weights.SaveSafetensors(path, new Dictionary<string, string> { ["note"] = "test" });
        var loaded = ResNet8.Weights.LoadSafetensors(path);

        foreach (var layer in ResNet8.WeightedLayerNames)
        {
            Bits(loaded.WeightsOf(layer)).ShouldBe(Bits(weights.WeightsOf(layer)), layer);
            Bits(loaded.BiasOf(layer)).ShouldBe(Bits(weights.BiasOf(layer)), layer);
        }

        for (var i = 0; i < weights.Norms.Count; i++)
        {
            var (saved, read) = (weights.Norms[i], loaded.Norms[i]);
            Bits(read.Gamma).ShouldBe(Bits(saved.Gamma), saved.Name);
            Bits(read.Beta).ShouldBe(Bits(saved.Beta), saved.Name);
            Bits(read.RunningMean).ShouldBe(Bits(saved.RunningMean), saved.Name);
            Bits(read.RunningVar).ShouldBe(Bits(saved.RunningVar), saved.Name);
            read.IsFolded.ShouldBeFalse();
        }

        SafeTensors.ReadMetadata(path).ShouldBe(new Dictionary<string, string> { ["note"] = "test" });
        SafeTensors.Read(path).Select(t => t.Name).ShouldContain("r2.a_bn.running_var");
        SafeTensors.Read(path).Select(t => t.Name).ShouldContain("r3.s.weight");
        SafeTensors.Read(path).Count.ShouldBe((10 * 2) + (9 * 4));
    }

    [Fact]
    public void A_clone_copies_batch_norms_and_their_folded_marks()
    {
        var weights = Random(seed: 4);
        weights.R2_A_bn.IsFolded = true;

        var clone = weights.Clone();

        clone.R2_A_bn.ShouldNotBeSameAs(weights.R2_A_bn);
        clone.R2_A_bn.IsFolded.ShouldBeTrue();
        clone.R3_S_bn.RunningVar.ShouldBe(weights.R3_S_bn.RunningVar);
        clone.Norms[5].ShouldBeSameAs(clone.R2_S_bn);
    }

    [Fact]
    public void Folded_batch_norms_stay_folded_through_a_file_and_num_batches_tracked_is_ignored()
    {
        var folded = BatchNormFolding.Folded(Random(seed: 5));
        var path = Path.Combine(_folder, "folded.safetensors");

        folded.SaveSafetensors(path);
        var loaded = ResNet8.Weights.LoadSafetensors(path);
        loaded.Norms.ShouldAllBe(n => n.IsFolded);

        // A PyTorch state_dict also holds num_batches_tracked (an int64 scalar) per batch norm; loading skips it.
        var tensors = SafeTensors.Read(path).ToList();
        WriteWithInt64(path, tensors, tensors.Where(t => t.Name.EndsWith("_bn.weight", StringComparison.Ordinal)).Select(t => t.Name.Replace(".weight", ".num_batches_tracked")));
        var fromTorch = ResNet8.Weights.LoadSafetensors(path);
        fromTorch.Norms.ShouldAllBe(n => !n.IsFolded); // no metadata: as PyTorch writes it
        Bits(fromTorch.R3_S_bn.RunningVar).ShouldBe(Bits(folded.R3_S_bn.RunningVar));
    }

    [Fact]
    public void A_missing_or_misshapen_batch_norm_tensor_is_an_error_naming_the_layer()
    {
        var path = Path.Combine(_folder, "broken.safetensors");
        Random(seed: 6).SaveSafetensors(path);
        var tensors = SafeTensors.Read(path).ToList();

        SafeTensors.Write(path, tensors.Where(t => t.Name != "r2.a_bn.running_var"));
        Should.Throw<ArgumentException>(() => ResNet8.Weights.LoadSafetensors(path)).Message
            .ShouldContain("has no tensor 'r2.a_bn.running_var' for layer 'r2.a_bn'");

        SafeTensors.Write(path, tensors.Select(t => t.Name == "r3.b_bn.weight" ? new NamedTensor(t.Name, [32], new float[32]) : t));
        Should.Throw<ArgumentException>(() => ResNet8.Weights.LoadSafetensors(path)).Message.ShouldContain("r3.b_bn");
    }

    [Fact]
    public void Map_folds_and_read_back_gives_the_folded_weights_with_batch_norms_marked_folded()
    {
        var weights = Random(seed: 7);
        var before = weights.Clone();
        var reference = BatchNormFolding.Folded(weights);

        var readBack = Q8.ReadBack(Q8.Map(weights));

        readBack.Norms.ShouldAllBe(n => n.IsFolded);
        weights.Norms.ShouldAllBe(n => !n.IsFolded);
        Bits(weights.R2_A).ShouldBe(Bits(before.R2_A)); // the caller's weights are not folded in place
        foreach (var layer in ResNet8.WeightedLayerNames)
        {
            // Two-column on 16 levels after 8-bit codes: each weight within a level step of the folded one.
            var folded = reference.WeightsOf(layer);
            var step = folded.Max(Math.Abs) / (Rram128.Levels - 1) * 1.01 + 1e-6;
            readBack.WeightsOf(layer).Zip(folded).ShouldAllBe(p => Math.Abs(p.First - p.Second) <= step, layer);
            readBack.BiasOf(layer).ShouldBe(reference.BiasOf(layer), layer);
        }

        // The read-back runs as is: folded batch norms are the identity.
        var model = new ResNet8.Model(maxBatch: 2);
        var images = ReferenceMath.RandomWeights(2 * ResNet8.Input.Length, seed: 8, scale: 1).Select(Math.Abs).ToArray();
        model.Forward(images, 2, readBack).ToArray().ShouldAllBe(v => float.IsFinite(v));
    }

    [Fact]
    public void A_digital_batch_norm_comes_back_as_given_and_a_foldable_one_folded()
    {
        var weights = new Test.Residual.Mixed.Weights();
        weights.Digital.Gamma.AsSpan().Fill(2f);
        weights.D_bn.RunningVar.AsSpan().Fill(4f);

        var readBack = Test.Residual.TwoCol.ReadBack(Test.Residual.TwoCol.Map(weights));

        readBack.Digital.IsFolded.ShouldBeFalse();
        readBack.Digital.Gamma.ShouldAllBe(g => g == 2f);
        readBack.D_bn.IsFolded.ShouldBeTrue();
    }

    [Fact]
    public void Pruning_by_qualified_name_masks_the_layers_inside_blocks()
    {
        var weights = Random(seed: 9);

        Sparse.Layers.Select(l => $"{l.Layer}: {l.Rule}").ShouldBe([
            "stem: none", "r1.a: unstructured 30%", "r1.b: unstructured 30%", "r2.a: unstructured 50%", "r2.b: unstructured 30%",
            "r2.s: unstructured 30%", "r3.a: unstructured 30%", "r3.b: unstructured 30%", "r3.s: columns 25%", "fc: none"]);
        var masks = Sparse.Keep(weights);
        masks[3].Count(k => !k).ShouldBe(ResNet8.R2_A.WeightCount / 2);
        masks[3].ShouldBe(Sparse.KeepR2_A(weights.R2_A));
        Sparse.Apply(weights).R3_S.Chunk(ResNet8.R3_S.MatrixRows).Count(column => column.All(w => w == 0)).ShouldBe(16);
    }

    private static ResNet8.Weights Random(int seed)
    {
        var weights = new ResNet8.Weights();
        foreach (var layer in ResNet8.WeightedLayerNames)
        {
            ReferenceMath.RandomWeights(weights.WeightsOf(layer).Length, seed++).CopyTo(weights.WeightsOf(layer), 0);
            ReferenceMath.RandomWeights(weights.BiasOf(layer).Length, seed++).CopyTo(weights.BiasOf(layer), 0);
        }

        foreach (var norm in weights.Norms)
        {
            ReferenceMath.RandomWeights(norm.Channels, seed++, scale: 0.3).Select(g => 1 + g).ToArray().CopyTo(norm.Gamma, 0);
            ReferenceMath.RandomWeights(norm.Channels, seed++).CopyTo(norm.Beta, 0);
            ReferenceMath.RandomWeights(norm.Channels, seed++).CopyTo(norm.RunningMean, 0);
            ReferenceMath.RandomWeights(norm.Channels, seed++, scale: 0.3).Select(v => 1 + Math.Abs(v)).ToArray().CopyTo(norm.RunningVar, 0);
        }

        return weights;
    }

    private static int[] Bits(float[] values) => MemoryMarshal.Cast<float, int>(values).ToArray();

    // A safetensors file as PyTorch writes a state_dict: the float32 tensors and an int64 scalar per name of `counters`.
    private static void WriteWithInt64(string path, IReadOnlyList<NamedTensor> tensors, IEnumerable<string> counters)
    {
        var header = new Dictionary<string, object>();
        var data = new MemoryStream();
        foreach (var tensor in tensors)
        {
            var start = data.Length;
            data.Write(MemoryMarshal.AsBytes(tensor.Data.AsSpan()));
            header[tensor.Name] = new { dtype = "F32", shape = tensor.Shape, data_offsets = new[] { start, data.Length } };
        }

        foreach (var counter in counters)
        {
            var start = data.Length;
            data.Write(BitConverter.GetBytes(100L));
            header[counter] = new { dtype = "I64", shape = Array.Empty<int>(), data_offsets = new[] { start, data.Length } };
        }

        var json = System.Text.Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(header));
        var padded = (json.Length + 7) / 8 * 8;
        using var file = File.Create(path);
        file.Write(BitConverter.GetBytes((ulong)padded));
        file.Write(json);
        file.Write(Enumerable.Repeat((byte)' ', padded - json.Length).ToArray());
        data.Position = 0;
        data.CopyTo(file);
    }
}
