namespace MapDsl.Runtime.IO;

/// <summary>
/// Tells "another process has this file open exclusively" apart from other I/O errors. .NET opens a file with
/// <see cref="FileShare.None"/> by taking an advisory <c>flock</c> on Unix and a share mode on Windows; a second
/// opener gets a plain <see cref="IOException"/> that only its HResult distinguishes from, say, a full disk.
/// </summary>
internal static class SharingViolation
{
    // Unix: .NET reports the errno of the failed flock, EWOULDBLOCK (11 on Linux, 35 on macOS and the BSDs).
    private const int LinuxWouldBlock = 11;
    private const int BsdWouldBlock = 35;

    // Windows: ERROR_SHARING_VIOLATION and ERROR_LOCK_VIOLATION as HResults.
    private const int WindowsSharingViolation = unchecked((int)0x80070020);
    private const int WindowsLockViolation = unchecked((int)0x80070021);

    /// <summary>Whether opening a file failed because another open handle holds it exclusively.</summary>
    /// <param name="error">The exception of the failed open.</param>
    /// <returns>True for a sharing or lock violation.</returns>
    public static bool Is(IOException error) =>
        error.GetType() == typeof(IOException) && (OperatingSystem.IsWindows()
            ? error.HResult is WindowsSharingViolation or WindowsLockViolation
            : error.HResult == (OperatingSystem.IsLinux() ? LinuxWouldBlock : BsdWouldBlock));
}
