namespace MapDsl.Package.Tests.Support;

/// <summary>Every test class of the package shares one pack; being one collection, they also run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class PackedPackageCollection : ICollectionFixture<PackedPackage>
{
    public const string Name = "packed MapDsl";
}
