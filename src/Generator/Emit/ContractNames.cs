namespace MapDsl.Generator.Emit
{
    /// <summary>The runtime's contract types (MapDsl.Runtime.Contract) that generated types implement, named once.</summary>
    internal static class ContractNames
    {
        private const string Contract = "global::MapDsl.Runtime.Contract.";

        public const string NetworkWeights = Contract + "INetworkWeights";

        public const string NetworkModel = Contract + "INetworkModel";

        public const string Mapping = Contract + "IMapping";

        public const string Chip = Contract + "IChip";

        public const string CrossbarChip = Contract + "ICrossbarChip";

        public const string SystolicChip = Contract + "ISystolicChip";

        public const string QuantizedChip = Contract + "IQuantizedChip";

        public const string Pruning = Contract + "IPruning";

        public const string LayerPruning = Contract + "LayerPruning";

        public const string ChipOwnership = Contract + "ChipOwnership";

        public const string FaultKind = "global::MapDsl.Runtime.Faults.FaultKind";

        public const string ReadOnlyList = "global::System.Collections.Generic.IReadOnlyList";

        /// <summary>The name of the one instance of a generated mapping or pruning class, through which it implements its contract.</summary>
        public const string Instance = "Instance";
    }
}
