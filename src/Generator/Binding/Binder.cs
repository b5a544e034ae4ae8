using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using MapDsl.Generator.Common;
using MapDsl.Generator.Diagnostics;
using MapDsl.Generator.Model;
using MapDsl.Generator.Parsing;

namespace MapDsl.Generator.Binding
{
    /// <summary>
    /// Binds the parsed .xmap files of a project. Files share a namespace's names, so references
    /// resolve across files; every problem becomes a diagnostic value, never an exception.
    /// </summary>
    internal static class Binder
    {
        public static BoundProgram Bind(IEnumerable<XmapDocument> documents, string rootNamespace, CancellationToken cancellationToken = default)
        {
            var context = new BindContext();
            var declarations = new List<DeclarationModel>();
            var fullNames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var ordered = documents.OrderBy(d => d.Path, StringComparer.Ordinal).ToList();
            var namespaces = ordered
                .GroupBy(d => d.Namespace?.Text ?? rootNamespace, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal);
            var binders = new Dictionary<string, NamespaceBinder>(StringComparer.Ordinal);
            foreach (var group in namespaces)
            {
                binders.Add(group.Key, new NamespaceBinder(group.Key, group, context, fullNames, binders));
            }

            // Kind by kind across all namespaces, so that a mapping or pruning can name a network (or a target)
            // of another namespace: one network declared once gives one Weights type to every experiment.
            foreach (var kind in NamespaceBinder.DependencyOrder)
            {
                foreach (var binder in binders.Values)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    binder.Bind(kind);
                }
            }

            foreach (var binder in binders.Values)
            {
                binder.ReportUnused();
                declarations.AddRange(binder.Declarations);
            }

            declarations.AddRange(Registries.Of(declarations).ToList());

            // Reported in file order, so that output reads top to bottom whatever the binding order.
            var diagnostics = ordered.SelectMany(d => d.Diagnostics).Concat(context.Diagnostics)
                .OrderBy(d => d.Path, StringComparer.Ordinal)
                .ThenBy(d => d.Span.Start)
                .ThenBy(d => d.Id, StringComparer.Ordinal);
            return new BoundProgram(declarations.ToEquatableArray(), diagnostics.ToEquatableArray());
        }

        /// <summary>The declarations of one namespace, bound in dependency order.</summary>
        private sealed class NamespaceBinder
        {
            private readonly string _namespace;
            private readonly BindContext _context;
            private readonly Dictionary<string, Located<DeclarationSyntax>> _symbols = new(StringComparer.Ordinal);
            private readonly Dictionary<string, DeclarationModel> _bound = new(StringComparer.Ordinal);
            private readonly HashSet<string> _used = new(StringComparer.Ordinal);

            // Qualified names declared so far in any namespace, ignoring case: generated file names
            // come from them, and file names ignore case on some systems.
            private readonly Dictionary<string, string> _fullNames;

            // Every namespace's binder by name, for references to a declaration of another namespace.
            private readonly IReadOnlyDictionary<string, NamespaceBinder> _namespaces;

            public NamespaceBinder(
                string ns, IEnumerable<XmapDocument> documents, BindContext context, Dictionary<string, string> fullNames, IReadOnlyDictionary<string, NamespaceBinder> namespaces)
            {
                _namespace = ns;
                _namespaces = namespaces;
                _context = context;
                _fullNames = fullNames;
                foreach (var document in documents)
                {
                    foreach (var declaration in document.Declarations)
                    {
                        Declare(new Located<DeclarationSyntax>(declaration, document.Path));
                    }
                }
            }

            /// <summary>Targets, networks and faults stand alone; prunings need their network; mappings need all of them.</summary>
            public static readonly DeclarationKind[] DependencyOrder =
            {
                DeclarationKind.Crossbar, DeclarationKind.Systolic, DeclarationKind.Network, DeclarationKind.Faults, DeclarationKind.Pruning, DeclarationKind.Mapping,
            };

            /// <summary>The valid declarations, in declaration order.</summary>
            public IEnumerable<DeclarationModel> Declarations => _symbols.Keys.Where(_bound.ContainsKey).Select(name => _bound[name]);

            /// <summary>Binds every declaration of one kind; those it depends on are bound already.</summary>
            public void Bind(DeclarationKind kind)
            {
                foreach (var symbol in _symbols.Values.Where(s => s.Syntax.Kind == kind).ToList())
                {
                    var model = BindOne(symbol);
                    if (model is not null)
                    {
                        _bound[model.Name] = model;
                    }
                }
            }

            private void Declare(Located<DeclarationSyntax> symbol)
            {
                var name = symbol.Syntax.Name;
                if (name.Text == GeneratedNames.NamespaceRegistry)
                {
                    _context.Report(DiagnosticCatalog.DuplicateName, symbol.Path, name.Span, $"{symbol.Syntax.Keyword} '{name.Text}' has the name of the class generated to list the namespace's mappings and prunings; rename it");
                    return;
                }

                if (name.Text == "var")
                {
                    // Escaping does not help: a type named var turns every `var x = ...` of the namespace, the generated code's too, into that type.
                    _context.Report(DiagnosticCatalog.DuplicateName, symbol.Path, name.Span, $"{symbol.Syntax.Keyword} 'var' would generate a type named var, which C# code of namespace {_namespace} (the generated code included) would take for every 'var' declaration; rename it");
                    return;
                }

                if (GeneratedNames.ClashesWithOwnMember(symbol.Syntax.Kind, name.Text))
                {
                    _context.Report(DiagnosticCatalog.DuplicateName, symbol.Path, name.Span, $"{symbol.Syntax.Keyword} '{name.Text}' has the name of a member of its own generated type; rename it");
                    return;
                }

                var fullName = $"{_namespace}.{name.Text}";
                if (_fullNames.TryGetValue(fullName, out var other) && other != fullName)
                {
                    _context.Report(DiagnosticCatalog.DuplicateName, symbol.Path, name.Span, $"'{fullName}' differs from '{other}' only in letter case, which generated file names cannot tell apart; rename one");
                    return;
                }

                if (_symbols.TryGetValue(name.Text, out var first))
                {
                    var where = first.Path == symbol.Path ? $"line {first.Syntax.Name.Span.Line}" : $"{TargetBinder.FileName(first.Path)} line {first.Syntax.Name.Span.Line}";
                    _context.Report(DiagnosticCatalog.DuplicateName, symbol.Path, name.Span, $"'{name.Text}' is already declared in namespace {_namespace} ({first.Syntax.Keyword} at {where})");
                    return;
                }

                if (SystemNames.Shadowed(name.Text) is { } shadowed)
                {
                    // A warning, not an error: the generated code compiles; it is the user's own code that breaks.
                    _context.Report(DiagnosticCatalog.SystemName, symbol.Path, name.Span,
                        $"{symbol.Syntax.Keyword} '{name.Text}' has the name of {shadowed}: in C# code that uses namespace {_namespace} and System (implicit usings do), "
                        + $"'{name.Text}' becomes ambiguous or hides {shadowed}; rename it, e.g. '{name.Text}{Capitalized(symbol.Syntax.Keyword)}'");
                }

                _symbols.Add(name.Text, symbol);
                _fullNames[fullName] = fullName;
            }

            private DeclarationModel? BindOne(Located<DeclarationSyntax> symbol)
            {
                var path = symbol.Path;
                switch (symbol.Syntax)
                {
                    case CrossbarSyntax crossbar:
                        return TargetBinder.Bind(crossbar, path, _namespace, _context);
                    case SystolicSyntax systolic:
                        return TargetBinder.Bind(systolic, path, _namespace, _context);
                    case NetworkSyntax network:
                        return NetworkBinder.Bind(network, path, _namespace, _context);
                    case FaultsSyntax faults:
                        return FaultsBinder.Bind(faults, path, _namespace, _context);
                    case PruningSyntax pruning:
                        var prunedNetwork = Resolve(pruning.Network, path, out var found, DeclarationKind.Network);
                        return found ? PruningBinder.Bind(pruning, path, _namespace, prunedNetwork as NetworkModel, _context) : null;
                    case MappingSyntax mapping:
                        return MappingBinder.Bind(mapping, path, _namespace, ResolveMapping(mapping, path), _context);
                    default:
                        return null;
                }
            }

            private MappingBinder.References ResolveMapping(MappingSyntax mapping, string path)
            {
                var network = Resolve(mapping.Network, path, out var networkFound, DeclarationKind.Network) as NetworkModel;
                var target = Resolve(mapping.Target, path, out var targetFound, DeclarationKind.Crossbar, DeclarationKind.Systolic);
                PruningModel? pruning = null;
                Located<PruningSyntax>? pruningSyntax = null;
                var pruningFound = true;
                if (mapping.Pruning is { } pruningName)
                {
                    pruning = Resolve(pruningName, path, out pruningFound, DeclarationKind.Pruning) as PruningModel;
                    if (pruningFound)
                    {
                        var located = _symbols[pruningName.Text];
                        var syntax = (PruningSyntax)located.Syntax;
                        pruningSyntax = new Located<PruningSyntax>(syntax, located.Path);
                        if (Qualified(syntax.Network) != Qualified(mapping.Network))
                        {
                            _context.Report(DiagnosticCatalog.UndeclaredReference, path, pruningName.Span, $"pruning '{pruningName.Text}' is for network '{syntax.Network.Text}', not '{mapping.Network.Text}'");
                            pruningFound = false;
                        }
                    }
                }

                return new MappingBinder.References(network, target, pruning, pruningSyntax, networkFound && targetFound && pruningFound);
            }

            /// <summary>
            /// Looks a name up among the declarations of the expected kinds. <paramref name="found"/>
            /// says whether the reference itself is right; the result is null also when the
            /// declaration it names has errors of its own (already reported there).
            /// </summary>
            // A reference as namespace-qualified text: names without a dot are of this namespace.
            private string Qualified(Identifier reference) => reference.Text.IndexOf('.') >= 0 ? reference.Text : $"{_namespace}.{reference.Text}";

            private DeclarationModel? Resolve(Identifier reference, string path, out bool found, params DeclarationKind[] kinds)
            {
                var expected = string.Join(" or ", kinds.Select(Describe));
                var owner = this;
                var name = reference.Text;
                var dot = name.LastIndexOf('.');
                if (dot >= 0)
                {
                    var ns = name.Substring(0, dot);
                    name = name.Substring(dot + 1);
                    if (!_namespaces.TryGetValue(ns, out owner))
                    {
                        _context.Report(DiagnosticCatalog.UndeclaredReference, path, reference.Span, $"no .xmap file of the project declares namespace {ns}, so it has no {expected} '{name}'");
                        found = false;
                        return null;
                    }
                }

                if (!owner._symbols.TryGetValue(name, out var symbol))
                {
                    _context.Report(DiagnosticCatalog.UndeclaredReference, path, reference.Span, $"no {expected} named '{name}' is declared in namespace {owner._namespace}");
                    found = false;
                    return null;
                }

                if (!kinds.Contains(symbol.Syntax.Kind))
                {
                    _context.Report(DiagnosticCatalog.UndeclaredReference, path, reference.Span, $"'{reference.Text}' is a {Describe(symbol.Syntax.Kind)}, not a {expected}");
                    found = false;
                    return null;
                }

                found = true;
                owner._used.Add(name);
                return owner._bound.TryGetValue(name, out var model) ? model : null;
            }

            // Networks and fault models are used from C#, so only hardware and pruning can be unused.
            public void ReportUnused()
            {
                foreach (var symbol in _symbols.Values)
                {
                    var kind = symbol.Syntax.Kind;
                    if (kind is DeclarationKind.Crossbar or DeclarationKind.Systolic or DeclarationKind.Pruning && !_used.Contains(symbol.Syntax.Name.Text))
                    {
                        _context.Report(DiagnosticCatalog.UnusedDeclaration, symbol.Path, symbol.Syntax.Name.Span, $"{Describe(kind)} '{symbol.Syntax.Name.Text}' is not used by any mapping");
                    }
                }
            }

            private static string Capitalized(string keyword) => char.ToUpperInvariant(keyword[0]) + keyword.Substring(1);

            private static string Describe(DeclarationKind kind) => kind switch
            {
                DeclarationKind.Crossbar => "crossbar",
                DeclarationKind.Systolic => "systolic array",
                DeclarationKind.Network => "network",
                DeclarationKind.Pruning => "pruning",
                DeclarationKind.Mapping => "mapping",
                _ => "fault model",
            };
        }
    }
}
