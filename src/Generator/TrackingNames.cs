namespace MapDsl.Generator
{
    /// <summary>Names of the pipeline steps, so tests can check what was cached on an edit.</summary>
    internal static class TrackingNames
    {
        public const string Parse = nameof(Parse);
        public const string RootNamespace = nameof(RootNamespace);
        public const string Bind = nameof(Bind);
        public const string Declarations = nameof(Declarations);
    }
}
