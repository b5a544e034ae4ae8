namespace MapDsl.Runtime.Evaluation;

/// <summary>How <see cref="FaultyDense"/> computed one trial's output.</summary>
public enum DensePath
{
    /// <summary>The clean output plus one rank-1 correction per changed weight.</summary>
    Sparse,

    /// <summary>A full matrix product with the changed weights patched in.</summary>
    Dense,
}
