using System;
using System.Collections.Generic;
using GluteSense.Firmware.Core.Protocol;

namespace GluteSense.Host.Streaming;

/// <summary>
/// Host side of the response characteristic: notifications -> command-response frames (core FragmentReassembler and
/// FrameDecoder), kept by token until taken. Typed readers for the data of start/stop, get_config and time_sync.
/// </summary>
public sealed class CommandResponseReader
{
    private readonly FragmentReassembler _fragments = new();
    private readonly Dictionary<int, Frame> _byToken = new();

    /// <summary>Reassembled byte strings that did not decode as a response frame.</summary>
    public int Corrupt { get; private set; }

    /// <summary>Adds one notification of the response characteristic; returns the response completed by it, if any.</summary>
    /// <exception cref="ProtocolVersionException">The device speaks another major version.</exception>
    public Frame? AddNotification(byte[] notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (!_fragments.Add(notification, 0, notification.Length))
        {
            return null;
        }

        var frame = new Frame();
        DecodeStatus status = FrameDecoder.Decode(_fragments.CompletedFrame, 0, _fragments.CompletedLength, frame);
        if (status == DecodeStatus.UnsupportedMajorVersion)
        {
            throw new ProtocolVersionException(frame.VersionMajor, frame.VersionMinor);
        }

        if (status != DecodeStatus.Ok || frame.FrameType != ProtocolSpec.FrameTypeCommandResponse)
        {
            Corrupt++;
            return null;
        }

        _byToken[frame.CommandToken] = frame;
        return frame;
    }

    /// <summary>Takes the response to the command sent with <paramref name="token"/>, if it has arrived.</summary>
    public bool TryTake(int token, out Frame response)
    {
        if (_byToken.Remove(token, out Frame? r))
        {
            response = r;
            return true;
        }

        response = null!;
        return false;
    }

    /// <summary>Stream position from a start_streaming / stop_streaming response.</summary>
    public static StreamPosition ReadStreamPosition(Frame response)
    {
        var position = new StreamPosition();
        if (!position.Read(response.ResponseData, 0, response.ResponseDataLength))
        {
            throw new FormatException("response carries " + response.ResponseDataLength + " bytes, a stream position has "
                + ProtocolSpec.StreamPositionLength);
        }

        return position;
    }

    /// <summary>Configuration from a get_config response.</summary>
    public static DeviceConfiguration ReadConfiguration(Frame response)
    {
        var config = new DeviceConfiguration();
        if (!config.Read(response.ResponseData, 0, response.ResponseDataLength))
        {
            throw new FormatException("get_config response has " + response.ResponseDataLength + " bytes, expected "
                + ProtocolSpec.ConfigLength);
        }

        return config;
    }

    /// <summary>Round-trip estimate from a time_sync response: host send time, device time, host receive time (all us).</summary>
    /// <returns>Offset to add to device time to get host time, assuming a symmetric delay.</returns>
    public static double DeviceToHostOffsetUs(Frame response, ulong hostReceiveUs)
    {
        if (response.ResponseDataLength != ProtocolSpec.TimeSyncResponseLength)
        {
            throw new FormatException("time_sync response has " + response.ResponseDataLength + " bytes, expected "
                + ProtocolSpec.TimeSyncResponseLength);
        }

        ulong hostSendUs = ByteIO.ReadUInt64(response.ResponseData, 0);
        uint deviceUs = ByteIO.ReadUInt32(response.ResponseData, 8);
        double midpointUs = hostSendUs + (hostReceiveUs - hostSendUs) / 2.0;
        return midpointUs - deviceUs;
    }
}
