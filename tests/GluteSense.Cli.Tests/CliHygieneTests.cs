using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.IO;
using System.IO.Ports;
using System.Linq;
using System.Threading;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Host.Streaming;
using GluteSense.Host.Transport;
using Command = System.CommandLine.Command;
using ProtocolCommand = GluteSense.Firmware.Core.Protocol.Command;

namespace GluteSense.Cli.Tests;

/// <summary>
/// The CLI's contract (issue 14, part 7): an expected failure is one line on stderr and exit 1, never a stack trace;
/// help names the value of every option; one option name means one thing in every command; Ctrl+C reaches commands
/// through System.CommandLine's cancellation token.
/// </summary>
public sealed class CliHygieneTests
{
    /// <summary>Every command with an action, as the words a user types (["calibrate", "mvc"]).</summary>
    private static IEnumerable<(string[] Path, Command Command)> Leaves(Command command, string[] path)
    {
        if (command.Action != null && path.Length > 0) yield return (path, command);
        foreach (Command sub in command.Subcommands)
        {
            foreach (var leaf in Leaves(sub, path.Append(sub.Name).ToArray())) yield return leaf;
        }
    }

    private static (string[] Path, Command Command)[] AllCommands() => Leaves(CommandCatalog.CreateRoot(), Array.Empty<string>()).ToArray();

    [Fact]
    public void EveryCommandsHelp_NamesTheValueOfEveryOptionThatTakesOne()
    {
        var missing = new List<string>();
        foreach ((string[] path, Command command) in AllCommands())
        {
            (int code, string help, string error) = CliTests.Run(path.Append("--help").ToArray());
            Assert.True(code == ExitCodes.Ok, error);
            foreach (Option option in command.Options.Where(OptionValueNames.TakesValue))
            {
                // Upper case, as the user would type a placeholder: "--mvc <DIR>", never the default "--mvc <mvc>".
                if (!System.Text.RegularExpressions.Regex.IsMatch(help, "(?m)" + option.Name + @" <[A-Z][A-Z0-9.,_-]*>"))
                {
                    missing.Add(string.Join(' ', path) + " " + option.Name);
                }
            }
        }

        Assert.Empty(missing);
        Assert.Contains("--mvc <DIR>", CliTests.Run("analyze", "--help").Output);
        Assert.Contains("--serial <PORT>", CliTests.Run("flash", "--help").Output);
        Assert.Contains("--http-port <PORT>", CliTests.Run("serve", "--help").Output);
    }

    /// <summary>What a value is, for comparing meanings: a number (whether int or double), a word/path, ...</summary>
    private static string Kind(Type type) => type == typeof(int) || type == typeof(long) || type == typeof(double) ? "number" : type.Name;

    [Fact]
    public void OneOptionName_HasOneValueNameAndOneKindOfValue_InEveryCommand()
    {
        var typesByName = new Dictionary<string, HashSet<string>>();
        var differentValueNames = new List<string>();
        foreach ((_, Command command) in AllCommands())
        {
            foreach (Option option in command.Options.Where(OptionValueNames.TakesValue))
            {
                string kind = Kind(Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType);
                if (!typesByName.TryGetValue(option.Name, out HashSet<string>? kinds))
                {
                    typesByName[option.Name] = kinds = new HashSet<string>();
                }
                kinds.Add(kind);
                if (OptionValueNames.ByOption.TryGetValue(option.Name, out string? valueName) && option.HelpName != valueName)
                {
                    differentValueNames.Add(option.Name + " <" + option.HelpName + "> instead of <" + valueName + ">");
                }
            }
        }

        Assert.Empty(differentValueNames);
        Assert.Empty(typesByName.Where(kv => kv.Value.Count > 1).Select(kv => kv.Key + ": " + string.Join(", ", kv.Value)));
        // Every option name has its entry in the one table of value names, and the table names no option that is gone.
        Assert.Empty(typesByName.Keys.Except(OptionValueNames.ByOption.Keys));
        Assert.Empty(OptionValueNames.ByOption.Keys.Except(typesByName.Keys));
        // --port used to be the serial port in flash and the web port in serve.
        Assert.DoesNotContain("--port", typesByName.Keys);
    }

    /// <summary>
    /// Plays a board on <paramref name="boardPath"/> that answers every command with error <paramref name="errorCode"/>;
    /// with <paramref name="versionMajor"/> other than ours, in a protocol version this host cannot read.
    /// </summary>
    private static void AnswerEveryCommand(string boardPath, int errorCode, int versionMajor)
    {
        var port = new SerialPort(boardPath, SerialTransport.DefaultBaudRate);
        port.Open();
        var thread = new Thread(() =>
        {
            var packet = new List<byte>();
            var decoded = new byte[SerialFraming.MaxPacketLength];
            var frameBytes = new byte[ProtocolSpec.MaxFrameLength];
            var encoded = new byte[SerialFraming.MaxEncodedLength(ProtocolSpec.MaxFrameLength + 1)];
            var command = new ProtocolCommand();
            var response = new Frame { FrameType = ProtocolSpec.FrameTypeCommandResponse };
            try
            {
                while (true)
                {
                    int b = port.BaseStream.ReadByte();
                    if (b < 0) return;
                    if (b != SerialFraming.Delimiter)
                    {
                        packet.Add((byte)b);
                        continue;
                    }

                    int n = SerialFraming.Decode(packet.ToArray(), 0, packet.Count, decoded);
                    packet.Clear();
                    bool isCommand = n >= 1 && decoded[0] == SerialFraming.KindCommand;
                    if (!isCommand || CommandCodec.Decode(decoded, 1, n - 1, command) != DecodeStatus.Ok) continue;
                    response.CommandOpcode = command.Opcode;
                    response.CommandToken = command.Token;
                    response.ErrorCode = errorCode;
                    int length = FrameEncoder.Encode(response, frameBytes, 0);
                    frameBytes[ProtocolSpec.HeaderOffsetVersion] = (byte)(versionMajor << 4);
                    ByteIO.WriteUInt16(frameBytes, length - 2, Crc16.Compute(frameBytes, 0, length - 2));   // CRC over the changed header
                    int m = SerialFraming.Encode(SerialFraming.KindResponse, frameBytes, 0, length, encoded, 0);
                    port.BaseStream.Write(encoded, 0, m);
                }
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
            {
                // socat ended with the test.
            }
        }) { IsBackground = true, Name = "fake board" };
        thread.Start();
    }

    private static void AssertOneLineError(int code, string output, string error, string expected)
    {
        Assert.True(code == ExitCodes.Error, $"exit {code}; stdout: {output}; stderr: {error}");
        string[] lines = error.TrimEnd().Split('\n');
        Assert.True(lines.Length == 1, "more than one line on stderr: " + error);
        Assert.DoesNotContain("   at ", error);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void ABoardThatDoesNotAnswer_IsOneLineAndExitOne_InLiveAndServe()
    {
        using var pty = new GluteSense.Tests.Common.PseudoTerminalPair();
        (int code, string output, string error) = CliTests.Run("live", "--serial", pty.HostPath, "--seconds", "1");
        AssertOneLineError(code, output, error, "glutesense live: serial " + pty.HostPath);
        Assert.Contains("no response within", error);
        (code, output, error) = CliTests.Run("serve", "--serial", pty.HostPath, "--http-port", "5093");
        AssertOneLineError(code, output, error, "glutesense serve: serial " + pty.HostPath);
        (code, output, error) = CliTests.Run("live", "--serial", pty.HostPath + "-absent", "--seconds", "1");
        AssertOneLineError(code, output, error, "cannot open serial port");
    }

    [Fact]
    public void ABoardThatRefusesACommand_IsOneLineNamingTheCommandAndTheError()
    {
        using var pty = new GluteSense.Tests.Common.PseudoTerminalPair();
        AnswerEveryCommand(pty.BoardPath, ProtocolSpec.ErrInvalidState, ProtocolSpec.VersionMajor);
        (int code, string output, string error) = CliTests.Run("live", "--serial", pty.HostPath, "--seconds", "1");
        AssertOneLineError(code, output, error, "the board refused " + ProtocolNames.CommandName(ProtocolSpec.CmdGetConfig) + ": "
            + ProtocolNames.ErrorName(ProtocolSpec.ErrInvalidState));
    }

    [Fact]
    public void ABoardInAnotherMajorProtocolVersion_IsOneLineSayingWhichVersions()
    {
        using var pty = new GluteSense.Tests.Common.PseudoTerminalPair();
        AnswerEveryCommand(pty.BoardPath, ProtocolSpec.ErrOk, ProtocolSpec.VersionMajor + 1);
        (int code, string output, string error) = CliTests.Run("live", "--serial", pty.HostPath, "--seconds", "1");
        AssertOneLineError(code, output, error,
            $"device speaks GluteSense protocol v{ProtocolSpec.VersionMajor + 1}.0; this host understands only v{ProtocolSpec.VersionMajor}.x");
    }

    [Fact]
    public void LiveUntilCtrlC_EndsWithItsSummary_WhenTheTokenIsCancelled()
    {
        // --seconds 0 runs until Ctrl+C; System.CommandLine turns Ctrl+C into this token's cancellation.
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var output = new StringWriter();
        var error = new StringWriter();
        int code = GluteSenseCli.Run(new[] { "live", "--seconds", "0" }, output, error, cancel.Token);
        Assert.True(code == ExitCodes.Ok, error.ToString());
        Assert.Matches(@"GMax:ES [\d.-]+; reps \d+; link: \d+ frames", output.ToString());
    }
}
