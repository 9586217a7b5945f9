using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using GluteSense.Firmware.Core.Protocol;

namespace GluteSense.Firmware.Core.Tests.Protocol;

/// <summary>The core encoder must produce exactly the bytes of the independent Python golden vectors, and the decoder must read them back.</summary>
public class GoldenVectorTests
{
    public static IEnumerable<object[]> FrameNames() => GoldenVectors.Frames.Select(f => new object[] { f.GetProperty("name").GetString()! });

    public static IEnumerable<object[]> CommandNames() => GoldenVectors.Commands.Select(f => new object[] { f.GetProperty("name").GetString()! });

    [Fact]
    public void CrcMatchesTheCcittFalseCheckValue()
    {
        JsonElement check = GoldenVectors.Root.GetProperty("crc_check");
        byte[] input = Encoding.ASCII.GetBytes(check.GetProperty("input_ascii").GetString()!);
        Assert.Equal(0x29B1, check.GetProperty("crc16").GetInt32()); // published check value of CRC-16/CCITT-FALSE
        Assert.Equal(check.GetProperty("crc16").GetInt32(), Crc16.Compute(input, 0, input.Length));
    }

    [Theory]
    [MemberData(nameof(FrameNames))]
    public void EncoderProducesTheGoldenBytes(string name)
    {
        JsonElement golden = GoldenVectors.FrameNamed(name);
        Frame frame = GoldenVectors.ToFrame(golden.GetProperty("decoded"));
        byte[] buffer = new byte[ProtocolSpec.MaxFrameLength + 5];
        int length = FrameEncoder.Encode(frame, buffer, 5);
        if (GoldenVectors.DecodeOnly(golden))
        {
            // The short status is what an older board sent; the encoder writes the extension, which decodes back
            // to the same values (not measured, no flat line).
            Assert.Equal(GoldenVectors.Hex(golden).Length + ProtocolSpec.StatusPayloadLength(frame.ChannelsOrSensors)
                - ProtocolSpec.StatusShortPayloadLength(frame.ChannelsOrSensors), length);
            var back = new Frame();
            Assert.Equal(DecodeStatus.Ok, FrameDecoder.Decode(buffer, 5, length, back));
            GoldenVectors.AssertSameContent(frame, back);
            return;
        }

        Assert.Equal(golden.GetProperty("hex").GetString(), Convert.ToHexStringLower(buffer, 5, length));
    }

    [Theory]
    [MemberData(nameof(FrameNames))]
    public void DecoderRecoversTheGoldenValues(string name)
    {
        JsonElement golden = GoldenVectors.FrameNamed(name);
        byte[] bytes = GoldenVectors.Hex(golden);
        var decoded = new Frame();
        Assert.Equal(DecodeStatus.Ok, FrameDecoder.Decode(bytes, 0, bytes.Length, decoded));
        GoldenVectors.AssertSameContent(GoldenVectors.ToFrame(golden.GetProperty("decoded")), decoded);
    }

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void CommandBuildersProduceTheGoldenBytes(string name)
    {
        JsonElement golden = GoldenVectors.CommandNamed(name);
        JsonElement d = golden.GetProperty("decoded");
        int token = d.GetProperty("token").GetInt32();
        var c = new Command();
        switch (name)
        {
            case "start_streaming": CommandCodec.Simple(c, ProtocolSpec.CmdStartStreaming, token); break;
            case "set_mode_raw": CommandCodec.SetMode(c, token, d.GetProperty("mode").GetInt32()); break;
            case "set_emg_rate_1000": CommandCodec.SetEmgRate(c, token, d.GetProperty("rate_hz").GetInt32()); break;
            case "set_filter_parametric":
                CommandCodec.SetFilter(c, token, new FilterCommandSettings
                {
                    Kind = ProtocolSpec.FilterKindParametric,
                    RmsWindowMs = d.GetProperty("rms_window_ms").GetInt32(),
                    EnvelopeRateHz = d.GetProperty("envelope_rate_hz").GetInt32(),
                    BandLowHz = d.GetProperty("band_low_hz").GetInt32(),
                    BandHighHz = d.GetProperty("band_high_hz").GetInt32(),
                    NotchHz = d.GetProperty("notch_hz").GetInt32(),
                });
                break;
            case "set_filter_biquads":
                var s = new FilterCommandSettings
                {
                    Kind = ProtocolSpec.FilterKindBiquads,
                    RmsWindowMs = d.GetProperty("rms_window_ms").GetInt32(),
                    EnvelopeRateHz = d.GetProperty("envelope_rate_hz").GetInt32(),
                    BiquadSectionCount = 1,
                };
                int k = 0;
                foreach (JsonElement v in d.GetProperty("biquads").EnumerateArray()) s.Biquads[k++] = v.GetSingle();
                CommandCodec.SetFilter(c, token, s);
                break;
            case "retransmit": CommandCodec.Retransmit(c, token, d.GetProperty("first_sequence").GetInt32(), d.GetProperty("count").GetInt32()); break;
            case "time_sync": CommandCodec.TimeSync(c, token, d.GetProperty("host_time_us").GetUInt64()); break;
            case "insert_marker": CommandCodec.InsertMarker(c, token, d.GetProperty("marker_id").GetInt32()); break;
            default: throw new InvalidOperationException("no builder mapped for golden command " + name);
        }

        Assert.Equal(d.GetProperty("opcode").GetInt32(), c.Opcode);
        byte[] buffer = new byte[ProtocolSpec.MaxCommandLength];
        int length = CommandCodec.Encode(c, buffer, 0);
        Assert.Equal(golden.GetProperty("hex").GetString(), Convert.ToHexStringLower(buffer, 0, length));
    }

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void CommandDecoderRecoversTheGoldenValues(string name)
    {
        JsonElement golden = GoldenVectors.CommandNamed(name);
        JsonElement d = golden.GetProperty("decoded");
        byte[] bytes = GoldenVectors.Hex(golden);
        var c = new Command();
        Assert.Equal(DecodeStatus.Ok, CommandCodec.Decode(bytes, 0, bytes.Length, c));
        Assert.Equal(d.GetProperty("opcode").GetInt32(), c.Opcode);
        Assert.Equal(d.GetProperty("token").GetInt32(), c.Token);
        Assert.Equal(d.GetProperty("payload_hex").GetString(), Convert.ToHexStringLower(c.Payload, 0, c.PayloadLength));
    }

    public static IEnumerable<object[]> FragmentExamples() =>
        Enumerable.Range(0, GoldenVectors.Root.GetProperty("fragments").GetArrayLength()).Select(i => new object[] { i });

    [Theory]
    [MemberData(nameof(FragmentExamples))]
    public void FragmenterProducesTheGoldenNotificationsAndTheReassemblerUndoesThem(int exampleIndex)
    {
        JsonElement example = GoldenVectors.Root.GetProperty("fragments")[exampleIndex];
        byte[] frame = GoldenVectors.Hex(GoldenVectors.FrameNamed(example.GetProperty("frame").GetString()!));
        var fragmenter = new Fragmenter(example.GetProperty("mtu").GetInt32());
        string[] expected = example.GetProperty("notifications").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(expected.Length, fragmenter.FragmentCount(frame.Length));
        var reassembler = new FragmentReassembler();
        byte[] note = new byte[fragmenter.MaxNotificationLength];
        for (int i = 0; i < expected.Length; i++)
        {
            int n = fragmenter.WriteFragment(frame, 0, frame.Length, i, note, 0);
            Assert.True(n <= ProtocolSpec.NotificationPayloadLength(ProtocolSpec.AttMtuDefault));
            Assert.Equal(expected[i], Convert.ToHexStringLower(note, 0, n));
            bool done = reassembler.Add(note, 0, n);
            Assert.Equal(i == expected.Length - 1, done);
        }

        Assert.Equal(frame, reassembler.CompletedFrame.Take(reassembler.CompletedLength));
    }

    [Fact]
    public void ServiceUuidBytesAreTheStringReversed()
    {
        // BLE sends 128-bit UUIDs least significant byte first: the last pair of hex digits comes first.
        (string Text, byte[] Bytes)[] uuids =
        {
            (ProtocolSpec.ServiceUuid, ProtocolSpec.ServiceUuidBytes),
            (ProtocolSpec.DataCharacteristicUuid, ProtocolSpec.DataCharacteristicUuidBytes),
            (ProtocolSpec.ControlCharacteristicUuid, ProtocolSpec.ControlCharacteristicUuidBytes),
            (ProtocolSpec.ResponseCharacteristicUuid, ProtocolSpec.ResponseCharacteristicUuidBytes),
            (ProtocolSpec.InfoCharacteristicUuid, ProtocolSpec.InfoCharacteristicUuidBytes),
        };
        foreach ((string text, byte[] bytes) in uuids)
        {
            Assert.Equal(Convert.FromHexString(text.Replace("-", "", StringComparison.Ordinal)).Reverse(), bytes);
        }

        // Guid's own byte layout (mixed-endian) is NOT what BLE sends: the first bytes on air are the last digits.
        Assert.Equal(0x01, ProtocolSpec.ServiceUuidBytes[0]);
        Assert.Equal(0x6a, ProtocolSpec.ServiceUuidBytes[15]);
        Assert.Equal(ProtocolSpec.ServiceUuid, new Guid(ProtocolSpec.ServiceUuid).ToString());
    }
}
