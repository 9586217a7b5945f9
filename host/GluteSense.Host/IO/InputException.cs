using System;

namespace GluteSense.Host.IO;

/// <summary>
/// Bad input from a user or a file (missing file, malformed value, out-of-range setting). The message is one line,
/// names the file and line where there is one, and is shown as is by the CLI (exit code 1, no stack trace).
/// </summary>
public sealed class InputException : Exception
{
    /// <summary>Creates the exception with a one-line message.</summary>
    public InputException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a one-line message and its cause.</summary>
    public InputException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
