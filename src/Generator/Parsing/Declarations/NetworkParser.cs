using System.Collections.Generic;
using System.Linq;
using MapDsl.Generator.Common;
using Sprache;

namespace MapDsl.Generator.Parsing.Declarations
{
    /// <summary>
    /// <c>network Name { input shape; layer; ... }</c> with the layers <c>conv name C kernel KxK
    /// [stride S] [pad P]</c>, <c>dense name N</c>, <c>relu</c>, <c>maxpool KxK [stride S]</c>,
    /// <c>avgpool KxK [stride S]</c>, <c>flatten</c> and, since version 2, <c>batchnorm name</c>,
    /// <c>global-avgpool</c>, <c>dropout R</c> and the block <c>residual name { layers [shortcut { layers }] }</c>.
    /// </summary>
    /// <remarks>
    /// A block owns braces, so it is parsed here with its own recovery (a broken statement inside it is skipped to its
    /// <c>;</c>, a broken block to its <c>}</c>) rather than by the statement table, whose recovery stops at the first
    /// <c>;</c>. Blocks do not nest: a <c>residual</c> inside a block is parsed (its own errors are reported), reported and
    /// dropped, and so is a <c>shortcut</c> outside a block or inside a shortcut.
    /// </remarks>
    internal sealed class NetworkParser : NamedDeclarationParser
    {
        private static readonly Parser<(Identifier Option, NumberToken Value)> ConvOption =
            from option in Tokens.Keyword("stride").Select(s => new Identifier("stride", s))
                .Or(Tokens.Keyword("pad").Select(s => new Identifier("pad", s)))
            from value in Tokens.Number
            select (option, value);

        private static readonly Parser<Draft> Conv =
            from name in Tokens.Name
            from outputs in Tokens.Number
            from kernel in Tokens.Keyword("kernel")
            from window in Tokens.Shape
            from options in ConvOption.XMany()
            select new Draft(LayerKind.Conv, name, outputs, window, options.ToList());

        private static readonly Parser<Draft> Dense =
            from name in Tokens.Name
            from outputs in Tokens.Number
            select new Draft(LayerKind.Dense, name, outputs, null, new List<(Identifier, NumberToken)>());

        private static readonly Parser<Draft> StrideOption =
            Tokens.Keyword("stride").Select(s => new Identifier("stride", s))
                .Then(option => Tokens.Number.Select(value => (option, value)))
                .XOptional()
                .Select(o => new Draft(LayerKind.MaxPool, null, null, null, o.IsDefined ? new List<(Identifier, NumberToken)> { o.Get() } : new List<(Identifier, NumberToken)>()));

        private static readonly Parser<Draft> Pool =
            from window in Tokens.Shape
            from stride in StrideOption
            select stride with { Window = window };

        /// <summary>The top level of a network: its input, its layers, and blocks.</summary>
        private static readonly Parser<Statement> NetworkStatements = AddLayers(new StatementTable().Add("input", Tokens.Shape)).Mention("residual").Parser;

        /// <summary>The body of a block: layers and its shortcut.</summary>
        private static readonly Parser<Statement> BodyStatements = AddLayers(new StatementTable()).Mention("shortcut").Parser;

        /// <summary>A shortcut: layers only.</summary>
        private static readonly Parser<Statement> ShortcutStatements = AddLayers(new StatementTable()).Parser;

        public override string Keyword => "network";


        public override DeclarationKind Kind => DeclarationKind.Network;

        protected override Parser<Statement> Body => NetworkStatements;

        protected override Parser<Statement> BodyFor(ParseContext context) => WithBlocks(NetworkStatements, context, enclosing: null, inShortcut: false);

        protected override DeclarationSyntax Build(Identifier name, IReadOnlyList<Statement> statements, ParseContext context)
        {
            var input = Single<ShapeSyntax>(statements, "input", name, context);
            var layers = Layers(statements.Where(s => s.Keyword.Text != "input"), context);
            return new NetworkSyntax(name, input, layers);
        }

        // The layers every sequence holds alike: a network's top level, a block's body and a shortcut.
        private static StatementTable AddLayers(StatementTable table) => table
            .Add("conv", Conv)
            .Add("dense", Dense)
            .Add("relu")
            .Add("maxpool", Pool)
            .Add("avgpool", Pool)
            .Add("flatten")
            .Add("batchnorm", Tokens.Name)
            .Add("global-avgpool")
            .Add("dropout", Tokens.Number);

        /// <summary>
        /// <paramref name="statements"/>, except that <c>residual</c> and <c>shortcut</c> are parsed as blocks with their
        /// own recovery, reporting into <paramref name="context"/>. A block that must be dropped (broken, nested, or a
        /// shortcut out of place) is a statement without value.
        /// </summary>
        /// <param name="enclosing">The name of the residual block whose body or shortcut this is; null at the top level.</param>
        private static Parser<Statement> WithBlocks(Parser<Statement> statements, ParseContext context, string? enclosing, bool inShortcut) => input =>
        {
            var start = Tokens.SkipTrivia(input);
            var word = Tokens.Word(start);
            if (word.WasSuccessful && word.Value.Text == "residual")
            {
                return Residual(word.Value, word.Remainder, context, enclosing, inShortcut);
            }

            if (word.WasSuccessful && word.Value.Text == "shortcut")
            {
                return Shortcut(start, word.Value, word.Remainder, context, enclosing, inShortcut);
            }

            return statements(input);
        };

        private static IResult<Statement> Residual(Identifier keyword, IInput afterKeyword, ParseContext context, string? enclosing, bool inShortcut)
        {
            var name = Tokens.Name(afterKeyword);
            if (!name.WasSuccessful)
            {
                context.SyntaxError(name, "to name the residual block");
                return Dropped(keyword, Recovery.SkipBlockStatement(afterKeyword));
            }

            var owner = $"residual '{name.Value.Text}'";
            var input = name.Remainder;
            var open = Tokens.Symbol("{")(input);
            if (!open.WasSuccessful)
            {
                context.SyntaxError(open, $"to open the body of {owner}");
                return Dropped(keyword, Recovery.SkipBlockStatement(input));
            }

            if (context.BlockDepth >= MaxParsedBlockDepth)
            {
                context.SyntaxError(keyword.Span, $"residual blocks do not nest: '{name.Value.Text}' is {context.BlockDepth} blocks deep; it is skipped unread");
                return Dropped(keyword, Recovery.SkipBlockStatement(input));
            }

            var statements = ParseBlock(ref input, WithBlocks(BodyStatements, context, name.Value.Text, inShortcut: false), owner, context);
            if (enclosing is not null)
            {
                var where = inShortcut ? $"the shortcut of residual '{enclosing}'" : $"residual '{enclosing}'";
                context.SyntaxError(keyword.Span, $"residual blocks do not nest: '{name.Value.Text}' is inside {where} (is the '}}' of '{enclosing}' missing?)");
                return Dropped(keyword, input);
            }

            var body = new List<LayerSyntax>();
            EquatableArray<LayerSyntax>? shortcut = null;
            foreach (var statement in statements)
            {
                if (statement.Keyword.Text != "shortcut")
                {
                    body.AddRange(Layers(new[] { statement }, context));
                }
                else if (statement.Value is EquatableArray<LayerSyntax> layers)
                {
                    if (shortcut is null)
                    {
                        shortcut = layers;
                    }
                    else
                    {
                        context.SyntaxError(statement.Keyword.Span, $"{owner} has two shortcuts; a block has at most one");
                    }
                }
            }

            var header = new SourceSpan(keyword.Span.Start, name.Value.Span.End - keyword.Span.Start, keyword.Span.Line, keyword.Span.Column);
            var block = new LayerSyntax(LayerKind.Residual, header, name.Value, null, null, null, null, $"residual {name.Value.Text}")
            {
                Body = body.ToEquatableArray(),
                Shortcut = shortcut ?? EquatableArray<LayerSyntax>.Empty,
                HasShortcut = shortcut is not null,
            };
            return Result.Success(new Statement(keyword, block, header, block.Source), input);
        }

        private static IResult<Statement> Shortcut(IInput start, Identifier keyword, IInput afterKeyword, ParseContext context, string? enclosing, bool inShortcut)
        {
            var open = Tokens.Symbol("{")(afterKeyword);
            if (!open.WasSuccessful)
            {
                context.SyntaxError(open, "to open the shortcut");
                return Dropped(keyword, Recovery.SkipBlockStatement(afterKeyword));
            }

            var input = afterKeyword;
            var owner = enclosing is null ? "the shortcut" : $"the shortcut of residual '{enclosing}'";
            if (context.BlockDepth >= MaxParsedBlockDepth)
            {
                context.SyntaxError(keyword.Span, $"blocks do not nest: this shortcut is {context.BlockDepth} blocks deep; it is skipped unread");
                return Dropped(keyword, Recovery.SkipBlockStatement(input));
            }

            var statements = ParseBlock(ref input, WithBlocks(ShortcutStatements, context, enclosing, inShortcut: true), owner, context);
            if (enclosing is null)
            {
                context.SyntaxError(keyword.Span, "'shortcut' belongs inside a residual block: residual NAME { layers; shortcut { layers; } }");
                return Dropped(keyword, input);
            }

            if (inShortcut)
            {
                context.SyntaxError(keyword.Span, $"a shortcut holds layers, not another shortcut ({owner})");
                return Dropped(keyword, input);
            }

            var span = new SourceSpan(start.Position, input.Position - start.Position, start.Line, start.Column);
            return Result.Success(new Statement(keyword, Layers(statements, context), span, "shortcut"), input);
        }

        /// <summary>
        /// Blocks never nest, but a broken file can open thousands of them (a '}' missing over and over), and parsing
        /// each inside the last would recurse once per block until the compiler's stack overflows (found by fuzzing,
        /// seed 3). Past this depth a block is reported and skipped by <see cref="Recovery.SkipBlockStatement"/>, which
        /// does not recurse.
        /// </summary>
        private const int MaxParsedBlockDepth = 8;

        private static List<Statement> ParseBlock(ref IInput input, Parser<Statement> statements, string owner, ParseContext context)
        {
            context.BlockDepth++;
            try
            {
                return BlockParser.Parse(ref input, statements, owner, context, new HashSet<string>());
            }
            finally
            {
                context.BlockDepth--;
            }
        }

        /// <summary>A block statement that must be dropped, already reported: it becomes no layer.</summary>
        private static IResult<Statement> Dropped(Identifier keyword, IInput rest) =>
            Result.Success(new Statement(keyword, null, keyword.Span, keyword.Text), rest);

        private static EquatableArray<LayerSyntax> Layers(IEnumerable<Statement> statements, ParseContext context) =>
            statements.Select(s => ToLayer(s, context)).Where(layer => layer is not null).Select(layer => layer!).ToEquatableArray();

        /// <summary>The layer a statement declares; null for a dropped block and for a shortcut (its block reads it).</summary>
        private static LayerSyntax? ToLayer(Statement statement, ParseContext context)
        {
            var text = statement.Keyword.Text;
            LayerKind? kind = text switch
            {
                "conv" => LayerKind.Conv,
                "dense" => LayerKind.Dense,
                "relu" => LayerKind.Relu,
                "maxpool" => LayerKind.MaxPool,
                "avgpool" => LayerKind.AvgPool,
                "flatten" => LayerKind.Flatten,
                "batchnorm" => LayerKind.BatchNorm,
                "global-avgpool" => LayerKind.GlobalAvgPool,
                "dropout" => LayerKind.Dropout,
                _ => null,
            };
            if (kind is null)
            {
                return text == "residual" ? statement.Value as LayerSyntax : null;
            }

            var draft = statement.Value as Draft;
            return new LayerSyntax(
                kind.Value,
                statement.Span,
                draft?.Name ?? statement.Value as Identifier,
                draft?.Outputs,
                draft?.Window,
                draft?.Option("stride", context),
                draft?.Option("pad", context),
                statement.Text)
            {
                Rate = statement.Value as NumberToken,
            };
        }

        /// <summary>A layer's parts while its options are still a list.</summary>
        private sealed record Draft(
            LayerKind Kind, Identifier? Name, NumberToken? Outputs, ShapeSyntax? Window, List<(Identifier Option, NumberToken Value)> Options)
        {
            public NumberToken? Option(string option, ParseContext context)
            {
                var matches = Options.Where(o => o.Option.Text == option).ToList();
                foreach (var repeat in matches.Skip(1))
                {
                    context.SyntaxError(repeat.Option.Span, $"'{option}' is given twice");
                }

                return matches.Count == 0 ? null : matches[0].Value;
            }
        }
    }
}
