namespace MapDsl.Generator.Parsing
{
    /// <summary>
    /// One <c>keyword payload;</c> statement of a declaration body, before the declaration's
    /// parser sorts it into its record. <see cref="Value"/> is what the keyword's payload parser made.
    /// </summary>
    /// <remarks><see cref="Text"/> is the statement as written (without the <c>;</c>), quoted in generated comments.</remarks>
    internal sealed record Statement(Identifier Keyword, object? Value, SourceSpan Span, string Text)
    {
        /// <summary>Where the statement's <c>;</c> is missing, when it was taken as written (<see cref="MissingSemicolon"/>); reported by the body's parser.</summary>
        public SourceSpan? SemicolonMissingAt { get; init; }
    }
}
