using System.Text.Json;
using System.Text.Json.Serialization;
using StreamJsonRpc;

namespace MapDsl.LanguageServer.Rpc;

/// <summary>The JSON of LSP: camelCase properties, absent rather than null optional fields.</summary>
internal static class LspFormatter
{
    public static SystemTextJsonFormatter Create() => new()
    {
        JsonSerializerOptions = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        },
    };
}
