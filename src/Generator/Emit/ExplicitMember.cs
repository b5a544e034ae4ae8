namespace MapDsl.Generator.Emit
{
    /// <summary>
    /// An explicit interface member with an expression body. Contract members name their interface in full
    /// (<c>global::</c> and type arguments), so a member that would not fit one line of about 160 characters is
    /// written as return type, member (one parameter a line if need be) and body on lines of their own.
    /// </summary>
    internal static class ExplicitMember
    {
        private const int LineLimit = 150;

        public static void Write(SourceWriter w, string type, string member, string body)
        {
            var line = $"{type} {member} => {body};";
            if (w.Indentation + line.Length <= LineLimit)
            {
                w.Line(line);
                return;
            }

            w.Line(type);
            var open = member.IndexOf('(');
            if (w.Indentation + 4 + member.Length <= LineLimit || open < 0 || member.EndsWith("()", System.StringComparison.Ordinal))
            {
                w.Line($"    {member}");
            }
            else
            {
                w.Line($"    {member.Substring(0, open + 1)}");
                var parameters = member.Substring(open + 1, member.Length - open - 2).Split(new[] { ", " }, System.StringSplitOptions.None);
                for (var i = 0; i < parameters.Length; i++)
                {
                    w.Line($"        {parameters[i]}{(i < parameters.Length - 1 ? "," : ")")}");
                }
            }

            w.Line($"    => {body};");
        }
    }
}
