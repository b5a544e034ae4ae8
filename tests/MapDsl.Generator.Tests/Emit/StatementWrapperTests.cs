using MapDsl.Generator.Emit;

namespace MapDsl.Generator.Tests.Emit;

/// <summary>Long generated statements break at list commas, never inside literals, holes, type arguments or comments.</summary>
public sealed class StatementWrapperTests
{
    private static string[] Wrapped(string statement)
    {
        var writer = new SourceWriter();
        writer.Line(statement);
        return writer.ToString().TrimEnd('\n').Split('\n');
    }

    private static string Long(string name) => "global::Some.Very.Long.Namespace.Name." + name;

    [Fact]
    public void A_long_call_puts_one_argument_per_line_and_closes_on_the_last()
    {
        var call = $"{Long("Call")}({Long("First")}, \"a, b\", $\"{{string.Join(\", \", items)}} and {{x}}\", {Long("Last")});";

        Wrapped(call).ShouldBe([
            $"{Long("Call")}(",
            $"    {Long("First")},",
            "    \"a, b\",",
            "    $\"{string.Join(\", \", items)} and {x}\",",
            $"    {Long("Last")});",
        ]);
    }

    [Fact]
    public void Type_arguments_stay_together_and_a_brace_list_closes_on_its_own_line()
    {
        var line = $"var x = new global::System.Collections.Generic.Dictionary<string, {Long("Value")}>[] {{ {Long("A")}, {Long("B")} }};";

        Wrapped(line).ShouldBe([
            $"var x = new global::System.Collections.Generic.Dictionary<string, {Long("Value")}>[]",
            "{",
            $"    {Long("A")},",
            $"    {Long("B")}",
            "};",
        ]);
    }

    [Fact]
    public void A_statement_with_a_trailing_comment_or_without_a_list_is_left_whole()
    {
        var commented = $"{Long("Call")}({Long("First")}, {Long("Second")}), // line 3: conv c1 6 kernel 5x5, pad 2";
        var single = $"{Long("Call")}({Long("OnlyOneArgumentButAVeryLongOneIndeedThatGoesOnAndOnAndOnAndOnAndOnAndOnAndOn")});";

        Wrapped(commented).ShouldBe([commented]);
        Wrapped(single).ShouldBe([single]);
    }
}
