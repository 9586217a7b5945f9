using System.Collections.Generic;
using GluteSense.Firmware.Core.Protocol;

namespace GluteSense.Host.Streaming;

/// <summary>Names of protocol constants for people (JSON output, reports, the CLI). Values come from ProtocolSpec.</summary>
public static class ProtocolNames
{
    /// <summary>"envelope", "raw_emg", "imu", "status", "event", "command_response" or "unknown_0xNN".</summary>
    public static string FrameTypeName(byte frameType) => frameType switch
    {
        ProtocolSpec.FrameTypeEnvelope => "envelope",
        ProtocolSpec.FrameTypeRawEmg => "raw_emg",
        ProtocolSpec.FrameTypeImu => "imu",
        ProtocolSpec.FrameTypeStatus => "status",
        ProtocolSpec.FrameTypeEvent => "event",
        ProtocolSpec.FrameTypeCommandResponse => "command_response",
        _ => "unknown_0x" + frameType.ToString("x2", System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Name of a command opcode.</summary>
    public static string CommandName(int opcode) => opcode switch
    {
        ProtocolSpec.CmdStartStreaming => "start_streaming",
        ProtocolSpec.CmdStopStreaming => "stop_streaming",
        ProtocolSpec.CmdSetMode => "set_mode",
        ProtocolSpec.CmdSetEmgRate => "set_emg_rate",
        ProtocolSpec.CmdSetFilter => "set_filter",
        ProtocolSpec.CmdCaptureCalibration => "capture_calibration",
        ProtocolSpec.CmdGetConfig => "get_config",
        ProtocolSpec.CmdRetransmit => "retransmit",
        ProtocolSpec.CmdTimeSync => "time_sync",
        ProtocolSpec.CmdIdentify => "identify",
        ProtocolSpec.CmdInsertMarker => "insert_marker",
        ProtocolSpec.CmdSetCalibration => "set_calibration",
        _ => "unknown_" + opcode,
    };

    /// <summary>Name of an error code.</summary>
    public static string ErrorName(int code) => code switch
    {
        ProtocolSpec.ErrOk => "ok",
        ProtocolSpec.ErrUnknownCommand => "unknown_command",
        ProtocolSpec.ErrBadLength => "bad_length",
        ProtocolSpec.ErrBadValue => "bad_value",
        ProtocolSpec.ErrBadCrc => "bad_crc",
        ProtocolSpec.ErrUnsupportedVersion => "unsupported_version",
        ProtocolSpec.ErrInvalidState => "invalid_state",
        ProtocolSpec.ErrRangeUnavailable => "range_unavailable",
        ProtocolSpec.ErrHardwareFault => "hardware_fault",
        _ => "unknown_" + code,
    };

    /// <summary>Name of an event kind.</summary>
    public static string EventName(int kind) => kind switch
    {
        ProtocolSpec.EventButton => "button",
        ProtocolSpec.EventHostMarker => "host_marker",
        ProtocolSpec.EventStreamingStarted => "streaming_started",
        ProtocolSpec.EventStreamingStopped => "streaming_stopped",
        _ => "unknown_" + kind,
    };

    /// <summary>Column names of one sample set of a block: "emg0".."emgN-1" or "gyro_x".."mag_z" for the present IMU sensors.</summary>
    public static IReadOnlyList<string> ChannelNames(byte frameType, int channelsOrSensors)
    {
        var names = new List<string>();
        if (frameType == ProtocolSpec.FrameTypeImu)
        {
            (int Bit, string Name)[] sensors = { (ProtocolSpec.ImuSensorGyro, "gyro"), (ProtocolSpec.ImuSensorAccel, "accel"),
                (ProtocolSpec.ImuSensorMag, "mag") };
            foreach ((int bit, string name) in sensors)
            {
                if ((channelsOrSensors & bit) != 0)
                {
                    names.Add(name + "_x");
                    names.Add(name + "_y");
                    names.Add(name + "_z");
                }
            }
        }
        else
        {
            for (int c = 0; c < channelsOrSensors; c++)
            {
                names.Add("emg" + c);
            }
        }

        return names;
    }
}
