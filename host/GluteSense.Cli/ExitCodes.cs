namespace GluteSense.Cli;

/// <summary>Process exit codes of <c>glutesense</c>, the same for every command.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Ok = 0;

    /// <summary>Bad input (missing file, malformed data, value out of range) or a failed operation; a one-line message says which.</summary>
    public const int Error = 1;

    /// <summary>The command line itself could not be parsed (unknown option, missing argument).</summary>
    public const int Usage = 2;

    /// <summary>The command is planned but not built yet; the message names the issue that tracks it.</summary>
    public const int NotImplemented = 3;
}
