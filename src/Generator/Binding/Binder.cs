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

            var fileErrors = ordered.GroupBy(d => d.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.SelectMany(d => d.Diagnostics).ToList(), StringComparer.Ordinal);
            var standIns = binders.Values.SelectMany(binder => binder.StandIns(fileErrors)).ToList();
            declarations.AddRange(Registries.Of(declarations, standIns).ToList());

            // Reported in file order, so that output reads top to bottom whatever the binding order.
            var diagnostics = ordered.SelectMany(d => d.Diagnostics).Concat(context.Diagnostics)
                .OrderBy(d => d.Path, StringComparer.Ordinal)
                .ThenBy(d => d.Span.Start)
                .ThenBy(d => d.Id, StringComparer.Ordinal);
            return new BoundProgram(declarations.ToEquatableArray(), diagnostics.ToEquatableArray()) { StandIns = standIns.ToEquatableArray() };
        }

        /// <summary>The declarations of one namespace, bound in dependency order.</summary>
        private sealed class NamespaceBinder
        {
            private readonly string _namespace;
            private readonly BindContext _context;
            private readonly Dictionary<string, Located<DeclarationSyntax>> _symbols = new(StringComparer.Ordinal);
            private readonly Dictionary<string, DeclarationModel> _bound = new(StringComparer.Ordinal);
            private readonly HashSet<string> _used = new(StringComparer.Ordinal);

            // What binding reported for each declaration that did not bind: the cause its stand-in names.
            private readonly Dictionary<string, List<XmapDiagnostic>> _bindingErrors = new(StringComparer.Ordinal);

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
                    var reported = new List<XmapDiagnostic>();
                    _context.Listener = reported;
                    var model = BindOne(symbol);
                    _context.Listener = null;
                    if (model is not null)
                    {
                        _bound[model.Name] = model;
                    }
                    else
                    {
                        _bindingErrors[symbol.Syntax.Name.Text] = reported;
                    }
                }
            }

            /// <summary>
            /// A stand-in for every declaration that did not bind, in declaration order. Its network's weights type is
            /// named when the network is declared at all: a stand-in network has a <c>Weights</c> too.
            /// </summary>
            public IEnumerable<StandInModel> StandIns(IReadOnlyDictionary<string, List<XmapDiagnostic>> fileErrors)
            {
                foreach (var symbol in _symbols.Values.Where(s => !_bound.ContainsKey(s.Syntax.Name.Text)))
                {
                    var references = References(symbol.Syntax).Select(Lookup).Where(found => found is not null).Select(found => found!.Value).ToList();
                    var broken = references.Where(r => !r.Owner._bound.ContainsKey(r.Symbol.Syntax.Name.Text)).Select(r => Binding.StandIns.Describe(r.Symbol)).ToList();
                    var network = symbol.Syntax switch
                    {
                        MappingSyntax mapping => Lookup(mapping.Network),
                        PruningSyntax pruning => Lookup(pruning.Network),
                        _ => null,
                    };
                    var weights = network is { Symbol.Syntax.Kind: DeclarationKind.Network } n
                        ? DeclarationModel.GlobalNameOf(n.Owner._namespace, n.Symbol.Syntax.Name.Text) + ".Weights"
                        : null;
                    _bindingErrors.TryGetValue(symbol.Syntax.Name.Text, out var errors);
                    fileErrors.TryGetValue(symbol.Path, out var inFile);
                    yield return Binding.StandIns.Of(symbol, _namespace, errors ?? new List<XmapDiagnostic>(), inFile ?? new List<XmapDiagnostic>(), broken, weights);
                }
            }

            private static IEnumerable<Identifier> References(DeclarationSyntax syntax) => syntax switch
            {
                MappingSyntax mapping => new[] { mapping.Network, mapping.Target }.Concat(mapping.Pruning is { } pruning ? new[] { pruning } : Array.Empty<Identifier>()),
                PruningSyntax pruning => new[] { pruning.Network },
                _ => Array.Empty<Identifier>(),
            };

            /// <summary>The declaration a reference names, and the binder of its namespace, without reporting anything; null if none.</summary>
            private (NamespaceBinder Owner, Located<DeclarationSyntax> Symbol)? Lookup(Identifier reference)
            {
                var owner = this;
                var (ns, name) = Split(reference);
                if (ns is not null && !_namespaces.TryGetValue(ns, out owner))
                {
                    return null;
                }

                return owner._symbols.TryGetValue(name, out var symbol) ? (owner, symbol) : null;
            }

            /// <summary>A reference's namespace (null when it has no dot: this one) and its name.</summary>
            private static (string? Namespace, string Name) Split(Identifier reference)
            {
                var dot = reference.Text.LastIndexOf('.');
                return dot < 0 ? (null, reference.Text) : (reference.Text.Substring(0, dot), reference.Text.Substring(dot + 1));
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
                        if (located.Syntax is not PruningSyntax syntax)
                        {
                            // A pruning whose header broke (UnreadDeclarationSyntax): its errors are reported; it binds to nothing.
                            pruningFound = false;
                        }
                        else
                        {
                            pruningSyntax = new Located<PruningSyntax>(syntax, located.Path);
                        }

                        if (pruningSyntax is { } read && Qualified(read.Syntax.Network) != Qualified(mapping.Network))
                        {
                            _context.Report(DiagnosticCatalog.UndeclaredReference, path, pruningName.Span, $"pruning '{pruningName.Text}' is for network '{read.Syntax.Network.Text}', not '{mapping.Network.Text}'");
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
                var (ns, name) = Split(reference);
                if (ns is not null)
                {
                    if (!_namespaces.TryGetValue(ns, out owner))
                    {
                        // Close namespaces that do declare the name: a misspelt namespace.
                        var namespaces = _namespaces.Values.Where(b => b.Declares(name, kinds)).Select(b => b._namespace);
                        var closest = Suggestions.Closest(ns, namespaces).Select(n => $"{n}.{name}").ToList();
                        _context.Report(DiagnosticCatalog.UndeclaredReference, path, reference.Span,
                            $"no .xmap file of the project declares namespace {ns}, so it has no {expected} '{name}'" + Suggestions.DidYouMean(closest), closest);
                        found = false;
                        return null;
                    }
                }

                if (!owner._symbols.TryGetValue(name, out var symbol))
                {
                    // Close names of the expected kinds, written as the reference was (qualified or not).
                    var prefix = ns is null ? string.Empty : ns + ".";
                    var names = owner._symbols.Values.Where(s => kinds.Contains(s.Syntax.Kind)).Select(s => s.Syntax.Name.Text);
                    var closest = Suggestions.Closest(name, names).Select(n => prefix + n).ToList();
                    _context.Report(DiagnosticCatalog.UndeclaredReference, path, reference.Span,
                        $"no {expected} named '{name}' is declared in namespace {owner._namespace}" + Suggestions.DidYouMean(closest), closest);
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

            private bool Declares(string name, DeclarationKind[] kinds) =>
                _symbols.TryGetValue(name, out var symbol) && kinds.Contains(symbol.Syntax.Kind);

            // Networks and fault models are used from C#, so only hardware and pruning can be unused.
            public void ReportUnused()
            {
                if (_symbols.Values.Any(s => s.Syntax is UnreadDeclarationSyntax { Kind: DeclarationKind.Mapping }))
                {
                    // A mapping whose header broke may well name the target or pruning that now looks unused.
                    return;
                }

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
