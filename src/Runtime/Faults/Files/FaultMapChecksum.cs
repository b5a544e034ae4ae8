using System.Security.Cryptography;
using System.Text;

namespace MapDsl.Runtime.Faults.Files;

/// <summary>The checksum of a fault map file: SHA-256 of the UTF-8 bytes before the checksum line, as lowercase hex.</summary>
internal static class FaultMapChecksum
{
    public const int HexLength = 64;

    public static string Of(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    public static bool IsHex(string word) => word.Length == HexLength && word.All(Uri.IsHexDigit);
}
