extern alias analyzers;

using analyzers::MapDsl.Analyzers;
using MapDsl.Generator.Diagnostics;
using Microsoft.CodeAnalysis;

namespace MapDsl.Generator.Tests.Diagnostics;

/// <summary>
/// The generator decides by <see cref="DiagnosticCatalog.IsWarning"/> which problems make a declaration a stand-in;
/// the build shows the analyzers' severities. The two must agree, or a warning would hide a declaration's code.
/// </summary>
public class SeverityTests
{
    public static TheoryData<string> Ids => [.. Descriptors.All.Select(d => d.Id)];

    [Theory]
    [MemberData(nameof(Ids))]
    public void The_catalog_and_the_descriptor_give_the_same_severity(string id)
    {
        var severity = Descriptors.All.Single(d => d.Id == id).DefaultSeverity;

        DiagnosticCatalog.IsWarning(id).ShouldBe(severity == DiagnosticSeverity.Warning, id);
        severity.ShouldBeOneOf(DiagnosticSeverity.Warning, DiagnosticSeverity.Error);
    }
}
