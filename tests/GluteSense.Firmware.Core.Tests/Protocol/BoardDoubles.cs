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
