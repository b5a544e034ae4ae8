namespace MapDsl.Runtime.Data;

/// <summary>
/// The CRC-32 of gzip (RFC 1952: reflected polynomial 0xEDB88320, initial and final value all ones), computed here
/// because the framework's implementation lives in a separate package and the only use is naming a bad checksum.
/// </summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>The checksum of <paramref name="bytes"/>.</summary>
    public static uint Of(ReadOnlySpan<byte> bytes)
    {
        uint crc = 0xFFFF_FFFFu;
        foreach (byte value in bytes)
        {
            crc = Table[(crc ^ value) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint entry = 0; entry < 256; entry++)
        {
            uint crc = entry;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? 0xEDB8_8320u ^ (crc >> 1) : crc >> 1;
            }

            table[entry] = crc;
        }

        return table;
    }
}
