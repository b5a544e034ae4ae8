using System.Globalization;
using System.Text;
using MapDsl.Generator.Model;
using MapDsl.Generator.Parsing;
using MapDsl.LanguageServer.Protocol;
using MapDsl.LanguageServer.Workspace;

namespace MapDsl.LanguageServer.Features;

/// <summary>
/// Hover text from the binder's models: a layer's inferred shapes and crossbar-matrix size, a
/// mapping's tile plan, a network's input and output, a target's size. Nothing is computed here
/// that the models do not already hold; a declaration with errors has no model and no hover.
/// </summary>
internal static class HoverProvider
{
    public static Hover? Hover(WorkspaceSnapshot snapshot, OpenDocument document, Position position)
    {
        var occurrence = NameOccurrences.At(document.Syntax, TextPositions.OffsetOf(document.Text, position));
        if (occurrence is null)
        {
            return null;
        }

        var ns = snapshot.NamespaceOf(document);
        var text = occurrence.Role switch
        {
            NameRole.LayerDeclaration or NameRole.LayerReference => LayerText(snapshot.ModelOf<NetworkModel>(ns, occurrence.Network!), occurrence.Name.Text),
            _ => DeclarationText(snapshot, ns, occurrence.Name.Text),
        };
        return text is null ? null : new Hover(MarkupContent.Markdown(text), TextPositions.RangeOf(document.Text, occurrence.Name.Span));
    }

    private static string? DeclarationText(WorkspaceSnapshot snapshot, string ns, string name) =>
        snapshot.ModelOf<DeclarationModel>(ns, name) switch
        {
            MappingModel mapping => MappingText(mapping),
            NetworkModel network => $"network **{network.Name}**: input {network.Input}, output {network.Output}, {network.WeightedLayers.Count()} weighted layers",
            CrossbarModel crossbar => $"crossbar **{crossbar.Name}**: {crossbar.Rows} x {crossbar.Columns} cells, {crossbar.Levels} levels",
            SystolicModel systolic => $"systolic array **{systolic.Name}**: {systolic.Rows} x {systolic.Columns} PEs",
            _ => null,
        };

    /// <summary>A layer's shapes; weighted layers add their crossbar matrix (rows = inputs, columns = outputs).</summary>
    public static string? LayerText(NetworkModel? network, string layerName)
    {
        var layer = network?.Layers.FirstOrDefault(l => l.Name == layerName);
        if (layer is null)
        {
            return null;
        }

        var text = $"{Keyword(layer.Kind)} **{layer.Name}**: input {layer.Input} → output {layer.Output}";
        return layer.IsWeighted ? text + $"  \ncrossbar matrix {layer.MatrixRows} x {layer.MatrixColumns} (rows x columns)" : text;
    }

    /// <summary>Per weighted layer: tiles along rows x columns and their count, as the generated mapping class lists them.</summary>
    public static string MappingText(MappingModel mapping)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"mapping **{mapping.Name}**: {mapping.Network.Name} → {mapping.Target.Name}, {mapping.SchemeWord}\n\n");
        text.Append("| layer | matrix (rows x columns) | tiles (along rows x columns) |\n|---|---|---|\n");
        foreach (var layer in mapping.Layers)
        {
            var plan = layer.Plan;
            text.Append(CultureInfo.InvariantCulture,
                $"| {layer.Layer.Name} | {plan.MatrixRows} x {plan.MatrixColumns} | {plan.TilesAlongRows} x {plan.TilesAlongColumns} = {plan.TileCount} |\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"\n{mapping.Layers.Sum(l => l.Plan.TileCount)} tiles in all");
        return text.ToString();
    }

    private static string Keyword(LayerKind kind) => kind.ToString().ToLowerInvariant();
}
