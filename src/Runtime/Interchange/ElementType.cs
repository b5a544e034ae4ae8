namespace MapDsl.Runtime.Interchange;

/// <summary>How the values of a stored array are encoded; all little-endian. Both file formats map their type names onto these.</summary>
internal enum ElementType
{
    Float32,
    Float64,
    Float16,
    BFloat16,
    Int64,
    Int32,
    Int16,
    Int8,
    UInt8,
    Bool,
}
