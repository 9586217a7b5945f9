using System.Collections.Generic;
using GluteSense.Firmware.Core.Acquisition;
using GluteSense.Firmware.Core.Protocol;

namespace GluteSense.Firmware.Core.Tests.Protocol;

/// <summary>
/// The board's response path (PROTOCOL.md 3.4 and 4): a get_config response, the first thing every host session asks,
/// is longer than one notification at any MTU below 280; it must leave in fragments the host's reassembler puts back
/// together byte for byte, numbered by the response characteristic's own sequence.
/// </summary>
public class ResponsePublisherTests
{
    private static byte[] Packet(Command c)
    {
        byte[] packet = new byte[ProtocolSpec.MaxCommandLength];
        return packet[..CommandCodec.Encode(c, packet, 0)];
    }

    [Theory]
    [InlineData(ProtocolSpec.AttMtuDefault)]
    [InlineData(185)]
    [InlineData(ProtocolSpec.AttMtu247)]
    public void GetConfigLeavesInFragmentsThatReassembleToTheWholeResponse(int attMtu)
    {
        var responses = new NotificationCollector();
        var data = new NotificationCollector();
        var config = new DeviceConfiguration();
        var runtime = new BoardRuntime(config, new FramePublisher(data, attMtu), responses, new StillClock(1_234_567), 4);

        byte[] getConfig = Packet(CommandCodec.Simple(new Command(), ProtocolSpec.CmdGetConfig, 7));
        int length = runtime.HandleCommand(getConfig, 0, getConfig.Length);

        Assert.Equal(ProtocolSpec.HeaderLength + ProtocolSpec.ResponsePrefixLength + ProtocolSpec.ConfigLength + ProtocolSpec.CrcLength, length);
        int chunk = ProtocolSpec.FragmentDataLength(attMtu);
        Assert.Equal((length + chunk - 1) / chunk, responses.Notifications.Count);
        Assert.All(responses.Notifications, n => Assert.True(n.Length <= attMtu - ProtocolSpec.AttNotificationHeaderLength));
        Assert.Empty(data.Notifications);   // responses never go out on the data characteristic

        var reassembler = new FragmentReassembler();
        bool complete = false;
        foreach (byte[] n in responses.Notifications)
        {
            complete = reassembler.Add(n, 0, n.Length);
        }

        Assert.True(complete);
        var frame = new Frame();
        Assert.Equal(DecodeStatus.Ok, FrameDecoder.Decode(reassembler.CompletedFrame, 0, reassembler.CompletedLength, frame));
        Assert.Equal(ProtocolSpec.FrameTypeCommandResponse, frame.FrameType);
        Assert.Equal(ProtocolSpec.ErrOk, frame.ErrorCode);
        Assert.Equal(7, frame.CommandToken);
        byte[] expected = new byte[ProtocolSpec.ConfigLength];
        config.Write(expected, 0);
        Assert.Equal(expected, frame.ResponseData[..frame.ResponseDataLength]);
    }

    [Fact]
    public void ResponsesKeepTheirOwnSequenceWhateverTheDataFramesDo()
    {
        var responses = new NotificationCollector();
        var publisher = new FramePublisher(new NotificationCollector(), ProtocolSpec.AttMtu247);
        var runtime = new BoardRuntime(new DeviceConfiguration(), publisher, responses, new StillClock(1_234_567), 4);
        var sequences = new List<int>();
        foreach (int opcode in new[] { ProtocolSpec.CmdStartStreaming, ProtocolSpec.CmdStopStreaming, ProtocolSpec.CmdGetConfig })
        {
            responses.Notifications.Clear();
            byte[] packet = Packet(CommandCodec.Simple(new Command(), opcode, 1));
            runtime.HandleCommand(packet, 0, packet.Length);
            var reassembler = new FragmentReassembler();
            foreach (byte[] n in responses.Notifications) reassembler.Add(n, 0, n.Length);
            var frame = new Frame();
            Assert.Equal(DecodeStatus.Ok, FrameDecoder.Decode(reassembler.CompletedFrame, 0, reassembler.CompletedLength, frame));
            sequences.Add(frame.Sequence);
        }

        // Start and stop each published an event frame on the data characteristic (sequences 0 and 1 there).
        Assert.Equal(2, publisher.NextSequence);
        Assert.Equal(new[] { 0, 1, 2 }, sequences);
        Assert.Equal(3, runtime.Responses.NextSequence);
    }

    [Fact]
    public void AResponsePublisherWithoutASinkOnlyEncodes()
    {
        var publisher = new ResponsePublisher(null, ProtocolSpec.AttMtuDefault);
        var frame = new Frame { FrameType = ProtocolSpec.FrameTypeCommandResponse };
        Assert.Throws<System.InvalidOperationException>(() => publisher.Publish(frame));
        Assert.True(publisher.Encode(frame, new byte[ProtocolSpec.MaxFrameLength], 0) > 0);
        Assert.Equal(1, publisher.NextSequence);
    }
}
