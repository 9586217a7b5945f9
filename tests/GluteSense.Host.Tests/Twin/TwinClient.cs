extern alias twin;
using System;
using System.Collections.Generic;
using GluteSense.Firmware.Core.Protocol;
using twin::GluteSense.Firmware.Twin.Board;
using twin::GluteSense.Firmware.Twin.Radio;

namespace GluteSense.Host.Tests.Twin;

/// <summary>A central talking ATT to the twin directly, in board time (no pacing: the test moves the clock), for the
/// deterministic tests: commands, pairing, power.</summary>
internal sealed class TwinClient
{
    public static readonly Guid Data = new(ProtocolSpec.DataCharacteristicUuid), Control = new(ProtocolSpec.ControlCharacteristicUuid),
        Response = new(ProtocolSpec.ResponseCharacteristicUuid), Info = new(ProtocolSpec.InfoCharacteristicUuid);

    private readonly FragmentReassembler _responses = new();
    private readonly Command _command = new();
    private readonly byte[] _packet = new byte[ProtocolSpec.MaxCommandLength];
    private int _token;

    public TwinClient(TwinBoard board, ulong address = 0xA1, int attMtu = ProtocolSpec.AttMtu247)
    {
        Link = new TwinCentral(address, attMtu).Connect(board);
        Link.Received += (characteristic, value) =>
        {
            if (characteristic == Data) DataNotifications.Add(value);
            if (characteristic == Response && _responses.Add(value, 0, value.Length))
            {
                Responses.Add(_responses.CompletedFrame.AsSpan(0, _responses.CompletedLength).ToArray());
            }
        };
        Link.ExchangeMtu(attMtu);
    }

    public TwinLink Link { get; }

    public List<byte[]> DataNotifications { get; } = new();

    public List<byte[]> Responses { get; } = new();

    /// <summary>Pairs with the label's passkey and subscribes to data and responses.</summary>
    public TwinClient Bonded(int passkey = TwinBoard.DefaultPasskey)
    {
        Link.Pair(passkey);
        Assert.Equal(0, Link.Subscribe(Data, true));
        Assert.Equal(0, Link.Subscribe(Response, true));
        return this;
    }

    /// <summary>Sends one command; returns the decoded response (the app answers while the write is handled).</summary>
    public Frame Send(Func<Command, int, Command> build)
    {
        Command command = build(_command, ++_token & 0xFF);
        int n = CommandCodec.Encode(command, _packet, 0);
        int before = Responses.Count;
        Assert.Equal(0, Link.Write(Control, _packet.AsSpan(0, n).ToArray()));
        Assert.Equal(before + 1, Responses.Count);
        var frame = new Frame();
        byte[] bytes = Responses[^1];
        Assert.Equal(DecodeStatus.Ok, FrameDecoder.Decode(bytes, 0, bytes.Length, frame));
        Assert.Equal(command.Token, frame.CommandToken);
        return frame;
    }

    public int Error(Func<Command, int, Command> build) => Send(build).ErrorCode;

    /// <summary>The data notifications so far, reassembled and decoded into frames.</summary>
    public List<Frame> DataFrames()
    {
        var reassembler = new FragmentReassembler();
        var frames = new List<Frame>();
        foreach (byte[] n in DataNotifications)
        {
            if (!reassembler.Add(n, 0, n.Length)) continue;
            var frame = new Frame();
            if (FrameDecoder.Decode(reassembler.CompletedFrame, 0, reassembler.CompletedLength, frame) == DecodeStatus.Ok) frames.Add(frame);
        }

        return frames;
    }
}
