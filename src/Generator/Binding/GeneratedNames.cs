using System.Collections.Generic;
using MapDsl.Generator.Parsing;

namespace MapDsl.Generator.Binding
{
    /// <summary>
    /// The member names the emitters give each generated type. A declaration may not be named like a
    /// member of its own type (C# error CS0542), and a layer may not be named so that one of the
    /// members made for it (see <see cref="ForLayer"/>) clashes with a fixed one. Keep in step with
    /// src/Generator/Emit; the name-clash tests harvest the real members of generated code to check it.
    /// </summary>
    internal static class GeneratedNames
    {
        /// <summary>The generated class that lists a namespace's mappings and prunings; no declaration may take its name.</summary>
        public const string NamespaceRegistry = "XmapDeclarations";

        private static readonly Dictionary<DeclarationKind, string[]> OwnMembers = new()
        {
            [DeclarationKind.Crossbar] = new[] { "Name", "Rows", "Columns", "Levels", "GOff", "GOn", "Spec" },
            [DeclarationKind.Systolic] = new[] { "Name", "Rows", "Columns", "Spec" },
            [DeclarationKind.Network] = new[] { "Name", "Input", "Output", "WeightedLayerCount", "WeightedLayerNames", "Graph", "Weights", "Model", "Mappings", "Prunings" },
            [DeclarationKind.Pruning] = new[] { "Name", "Apply", "ApplyInPlace", "Keep", "Layers", "Instance" },
            [DeclarationKind.Mapping] = new[]
            {
                "Name", "Scheme", "Target", "CellsPerWeight", "WeightsPerTileRow", "TileCount", "QuantizeBits", "QuantizeBiases", "Quantizer", "Layers",
                "State", "Map", "ReadBack", "Shape", "SampleFaults", "Inject", "FaultKinds", "Instance", "StateOf",
            },
            [DeclarationKind.Faults] = new[] { "Name", "StuckOn", "StuckOff", "BitFlip", "Pe", "Rates" },
        };

        /// <summary>Members of nested generated types that layer members sit beside (Weights, State, tile-plan classes).</summary>
        private static readonly string[] NestedMembers =
        {
            "Clone", "WeightsOf", "BiasOf", "Checked", "AllTiles", "MappedLayers", "PeFaults", "Mapping", "Plan", "Pruning",
            "MaxBatch", "Forward", "Loss", "CountCorrect", "CheckBatch", "LoadSafetensors", "SaveSafetensors", "Fill",
            "MatrixRows", "MatrixColumns", "TilesAlongRows", "TilesAlongColumns", "WeightCount", "BiasCount",

            // The constants class of a layer (its own name) holds these, and of the network's Input/Output.
            "InputChannels", "InputHeight", "InputWidth", "OutputChannels", "OutputHeight", "OutputWidth",
            "KernelHeight", "KernelWidth", "Stride", "Padding", "InputLength", "OutputLength", "Channels", "Height", "Width", "Length",
        };

        /// <summary>Every fixed member name a layer's members must avoid.</summary>
        public static readonly HashSet<string> Reserved = CreateReserved();

        /// <summary>
        /// Members generated only for a network with batch norms (the weights' and a chip state's <c>Norms</c>, the weights'
        /// loading and saving helpers), which its layers must avoid too. A version 1 network may still have a layer named
        /// <c>norms</c>.
        /// </summary>
        public static readonly HashSet<string> NormMembers = new() { "Norms", "FillNorm", "NormTensors", "WithFoldedNorms" };

        /// <summary>Whether a declaration of this kind may not have this name.</summary>
        public static bool ClashesWithOwnMember(DeclarationKind kind, string name) =>
            System.Array.IndexOf(OwnMembers[kind], name) >= 0;

        /// <summary>
        /// The members generated for one layer with PascalCased name <paramref name="member"/>: its constants
        /// class and weight arrays (network), its state and per-layer methods (mapping), its keep/prune
        /// methods (pruning).
        /// </summary>
        public static IEnumerable<string> ForLayer(string member) => new[]
        {
            member, member + "Bias", member + "MaxWeight", member + "Codes", member + "BitFlips",
            "Map" + member, "Program" + member, "ReadBack" + member, "Keep" + member, "Prune" + member, "Inject" + member,
        };

        /// <summary>
        /// The members generated for one layer of this kind: a batch norm has only its parameters (a member of
        /// <c>Weights</c>), a conv or dense layer everything of <see cref="ForLayer(string)"/>.
        /// </summary>
        public static IEnumerable<string> ForLayer(string member, LayerKind kind) =>
            kind == LayerKind.BatchNorm ? new[] { member } : ForLayer(member);

        private static HashSet<string> CreateReserved()
        {
            var reserved = new HashSet<string>(NestedMembers);
            foreach (var members in OwnMembers.Values)
            {
                reserved.UnionWith(members);
            }

            return reserved;
        }
    }
}
