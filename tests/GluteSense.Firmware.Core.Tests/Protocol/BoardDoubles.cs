using System.Collections.Generic;
using GluteSense.Firmware.Core.Protocol;

namespace GluteSense.Firmware.Core.Tests.Protocol;

/// <summary>A device clock standing still at <see cref="Now"/> (us).</summary>
internal sealed class StillClock(uint now = 0) : IDeviceClock
{
    public uint Now { get; set; } = now;

    public uint NowUs() => Now;
}

/// <summary>A notification sink that keeps a copy of every notification.</summary>
internal sealed class NotificationCollector : INotificationSink
{
    public List<byte[]> Notifications { get; } = new();

    public void Send(byte[] buffer, int offset, int length) => Notifications.Add(buffer[offset..(offset + length)]);
}

/// <summary>
/// A board for command tests: configuration, a data sink, a clock at 5 s, a publisher at MTU 247 and a handler that
/// only encodes responses; <see cref="Send(Command)"/> returns the decoded response frame.
/// </summary>
internal sealed class CommandBoard
{
    public readonly DeviceConfiguration Config = new();
    public readonly NotificationCollector Sink = new();
    public readonly StillClock Clock = new(5_000_000);
    public readonly FramePublisher Publisher;
    public readonly CommandHandler Handler;

    public CommandBoard()
    {
        Publisher = new FramePublisher(Sink, ProtocolSpec.AttMtu247);
        Handler = new CommandHandler(Config, Publisher, Clock);
    }

    public Frame Send(Command c)
    {
        byte[] packet = new byte[ProtocolSpec.MaxCommandLength];
        int n = CommandCodec.Encode(c, packet, 0);
        return SendBytes(packet[..n]);
    }

    public int Error(Command c) => Send(c).ErrorCode;

    public Frame SendBytes(byte[] packet)
    {
        byte[] response = new byte[ProtocolSpec.MaxFrameLength];
        int length = Handler.Handle(packet, 0, packet.Length, response, 0);
        var decoded = new Frame();
        Assert.Equal(DecodeStatus.Ok, FrameDecoder.Decode(response, 0, length, decoded));
        Assert.Equal(ProtocolSpec.FrameTypeCommandResponse, decoded.FrameType);
        return decoded;
    }

    /// <summary>The get_config bytes plus the two pending requests: what a refused command must leave unchanged.</summary>
    public byte[] State()
    {
        byte[] b = new byte[ProtocolSpec.ConfigLength + 2];
        Config.Write(b, 0);
        b[^2] = (byte)Config.PendingCalibrationMask;
        b[^1] = (byte)Config.PendingIdentifySeconds;
        return b;
    }
}
