using System.Globalization;
using System.Text;
using MapDsl.Generator.Model;
using MapDsl.Generator.Parsing;
using MapDsl.LanguageServer.Protocol;
using MapDsl.LanguageServer.Workspace;

namespace MapDsl.LanguageServer.Features;

/// <summary>
/// Hover text from the binder's models: a layer's inferred shapes and crossbar-matrix size, a
/// residual block's shapes, a mapping's tile plan, a pruning's effect per layer, a network's input and
/// output, a target's size; and on a pruning rule the units it prunes, on a rate its fraction and unit.
/// Nothing is computed here that the models do not already hold beyond counting; a declaration with
/// errors has no model, and its hover says why C# code sees a stand-in of it.
/// </summary>
internal static class HoverProvider
{
    public static Hover? Hover(WorkspaceSnapshot snapshot, XmapFile document, Position position)
    {
        var offset = TextPositions.OffsetOf(document, position);
        var ns = snapshot.NamespaceOf(document);
        if (NameOccurrences.At(document.Syntax, offset) is { } occurrence)
        {
            var text = occurrence.Role switch
            {
                NameRole.LayerDeclaration => LayerText(snapshot.ModelOf<NetworkModel>(ns, occurrence.Network!), occurrence.Layer!),
                NameRole.LayerReference => RuleOfLayer(snapshot, ns, document, occurrence),
                NameRole.BlockDeclaration => BlockText(snapshot.ModelOf<NetworkModel>(ns, occurrence.Network!), occurrence.Layer!),
                _ => DeclarationText(snapshot, ns, occurrence.Name.Text),
            };
            return Of(document, text, occurrence.Name.Span);
        }

        if (RateHover.At(document.Syntax, offset) is var (token, rateText))
        {
            return Of(document, rateText, token.Span);
        }

        return PruningRuleAt(document.Syntax, offset) is var (pruning, rule)
            ? Of(document, RuleText(snapshot.ModelOf<PruningModel>(ns, pruning.Name.Text), pruning, rule), rule.Span)
            : null;
    }

    private static Hover? Of(XmapFile document, string? text, SourceSpan span) =>
        text is null ? null : new Hover(MarkupContent.Markdown(text), TextPositions.RangeOf(document, span));

    private static string? DeclarationText(WorkspaceSnapshot snapshot, string ns, string name) =>
        snapshot.ModelOf<DeclarationModel>(ns, name) switch
        {
            MappingModel mapping => MappingText(mapping),
            PruningModel pruning => PruningText(pruning),
            NetworkModel network => $"network **{network.Name}**: input {network.Input}, output {network.Output}, {network.WeightedLayers.Count()} weighted layers",
            CrossbarModel crossbar => $"crossbar **{crossbar.Name}**: {crossbar.Rows} x {crossbar.Columns} cells, {crossbar.Levels} levels",
            SystolicModel systolic => $"systolic array **{systolic.Name}**: {systolic.Rows} x {systolic.Columns} PEs",
            _ => StandInText(snapshot, ns, name),
        };

    // A declaration with errors: what the build gives C# code instead of its type, and why.
    private static string? StandInText(WorkspaceSnapshot snapshot, string ns, string name) =>
        snapshot.StandInOf(ns, name) is { } standIn
            ? $"{standIn.Keyword} **{standIn.Name}**: C# code gets a stand-in of it, whose members throw, until its errors are fixed  \n{standIn.Errors}"
            : null;

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

    /// <summary>A residual block: its shapes and what it holds.</summary>
    private static string? BlockText(NetworkModel? network, string blockName)
    {
        var block = network?.Blocks.FirstOrDefault(b => b.Name == blockName);
        if (block is null)
        {
            return null;
        }

        var body = network!.Layers.Skip(block.First).Take(block.BodyCount).Where(l => l.Name is not null).Select(l => l.Name);
        var shortcut = network.Layers.Skip(block.First + block.BodyCount).Take(block.ShortcutCount).Where(l => l.Name is not null).Select(l => l.Name).ToList();
        return $"residual **{block.Name}**: input {block.Input} → output {block.Output}  \n"
               + $"body: {string.Join(", ", body)}  \nshortcut: {(shortcut.Count == 0 ? "identity" : string.Join(", ", shortcut))}";
    }

    /// <summary>A pruning rule's layer: the layer's shapes and what the rule prunes of it.</summary>
    private static string? RuleOfLayer(WorkspaceSnapshot snapshot, string ns, XmapFile document, NameOccurrence occurrence)
    {
        var layerText = LayerText(snapshot.ModelOf<NetworkModel>(ns, occurrence.Network!), occurrence.Layer!);
        var pruning = document.Syntax.Declarations.OfType<PruningSyntax>().FirstOrDefault(p => p.Rules.Any(r => r.Layer == occurrence.Name));
        var rule = pruning is null ? null : snapshot.ModelOf<PruningModel>(ns, pruning.Name.Text)?.Layers.FirstOrDefault(l => l.Layer.Name == occurrence.Layer);
        return layerText is null || rule is null ? layerText : layerText + $"  \n`{rule.Source}`: {PrunedUnits.Describe(rule)}";
    }

    /// <summary>A rule: for its own layer, or for every layer <c>*</c> reaches, the units it prunes.</summary>
    private static string? RuleText(PruningModel? model, PruningSyntax pruning, PruningRuleSyntax rule)
    {
        if (model is null)
        {
            return null;
        }

        var own = pruning.Rules.Where(r => !r.IsDefault).Select(r => r.Layer.Text).ToHashSet(StringComparer.Ordinal);
        var layers = model.Layers.Where(l => rule.IsDefault ? !own.Contains(l.Layer.Name!) : l.Layer.Name == rule.Layer.Text).ToList();
        if (layers.Count == 0)
        {
            return $"`{rule.Source}`: reaches no layer (every weighted layer has a rule of its own)";
        }

        var text = new StringBuilder($"`{rule.Source}`{(rule.IsDefault ? ", every weighted layer without a rule of its own" : string.Empty)}:\n\n");
        foreach (var layer in layers)
        {
            text.Append(CultureInfo.InvariantCulture, $"- {layer.Layer.Name} ({layer.Layer.MatrixRows} x {layer.Layer.MatrixColumns}): {PrunedUnits.Describe(layer)}\n");
        }

        return text.ToString().TrimEnd();
    }

    private static string PruningText(PruningModel pruning)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"pruning **{pruning.Name}** for {pruning.Network.Name}\n\n| layer | rule | pruned |\n|---|---|---|\n");
        foreach (var layer in pruning.Layers)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {layer.Layer.Name} | {layer.Source} | {PrunedUnits.Describe(layer)} |\n");
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>
    /// Per weighted layer: tiles along rows x columns and their count, as the generated mapping class
    /// lists them, and the cells the layer's weights occupy against the cells of its tiles.
    /// </summary>
    public static string MappingText(MappingModel mapping)
    {
        var unit = mapping.Systolic is null ? "cells" : "PEs";
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"mapping **{mapping.Name}**: {mapping.Network.Name} → {mapping.Target.Name}, {mapping.SchemeWord}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"| layer | matrix (rows x columns) | tiles (along rows x columns) | {unit} used | utilisation |\n|---|---|---|---|---|\n");
        long used = 0, available = 0;
        foreach (var layer in mapping.Layers)
        {
            var plan = layer.Plan;
            var layerUsed = (long)plan.MatrixRows * plan.MatrixColumns * plan.CellsPerWeight;
            var layerAvailable = (long)plan.TileCount * plan.TileRows * plan.TileColumns;
            used += layerUsed;
            available += layerAvailable;
            text.Append(CultureInfo.InvariantCulture,
                $"| {layer.Layer.Name} | {plan.MatrixRows} x {plan.MatrixColumns} | {plan.TilesAlongRows} x {plan.TilesAlongColumns} = {plan.TileCount} | {layerUsed:N0} of {layerAvailable:N0} | {Percent(layerUsed, layerAvailable)} |\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"\n{mapping.Layers.Sum(l => l.Plan.TileCount)} tiles in all, {used:N0} of {available:N0} {unit} used ({Percent(used, available)})");
        return text.ToString();
    }

    private static (PruningSyntax, PruningRuleSyntax)? PruningRuleAt(XmapDocument document, int offset) =>
        document.Declarations.OfType<PruningSyntax>()
            .SelectMany(p => p.Rules.Select(r => (Pruning: p, Rule: r)))
            .Where(pr => pr.Rule.Span.Start <= offset && offset <= pr.Rule.Span.End)
            .Select(pr => ((PruningSyntax, PruningRuleSyntax)?)pr)
            .FirstOrDefault();

    private static string Percent(long part, long whole) =>
        whole == 0 ? "–" : (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Keyword(LayerKind kind) => kind.ToString().ToLowerInvariant();
}
