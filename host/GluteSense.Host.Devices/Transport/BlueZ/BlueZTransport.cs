using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Host.Streaming;
using Tmds.DBus;

namespace GluteSense.Host.Transport.BlueZ;

/// <summary>A board seen while scanning: its D-Bus object, address, name and signal strength (dBm).</summary>
public sealed record BoardAdvert(ObjectPath Path, string Address, string Name, short RssiDbm);

/// <summary>
/// BLE through BlueZ over D-Bus (Linux): scan for the GluteSense service UUID, connect, subscribe to the data and
/// response characteristics (notifications arrive as PropertiesChanged of their Value), write commands to the control
/// characteristic with a write request, and match the reassembled response by token. A Connected property going false
/// marks the transport as dropped; <see cref="BoardSession"/> then reconnects and asks the board's ring for the rest.
/// Data, control and response need an encrypted, authenticated link: without a bond (<see cref="BlueZPairing"/>,
/// <c>glutesense pair</c>) the board refuses them and Connect fails with a one-line error saying so.
/// </summary>
public sealed class BlueZTransport : IBoardTransport
{
    /// <summary>BlueZ's well-known bus name.</summary>
    public const string Service = "org.bluez";

    private readonly TransportInbox _inbox = new();
    private readonly CommandResponseReader _responses = new();
    private readonly List<IDisposable> _watches = new();
    private readonly IDevice1 _device;
    private readonly IGattCharacteristic1 _control;
    private readonly byte[] _frame = new byte[ProtocolSpec.MaxFrameLength];
    private volatile bool _connected = true;

    private BlueZTransport(IDevice1 device, IGattCharacteristic1 control, string description, string address)
    {
        _device = device;
        _control = control;
        Description = description;
        BoardId = address;
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>The board's Bluetooth address (the wire protocol carries no serial number).</summary>
    public string BoardId { get; }

    /// <inheritdoc />
    public bool Connected => _connected;

    /// <summary>Scans for <paramref name="duration"/> and returns the boards advertising the GluteSense service.</summary>
    public static IReadOnlyList<BoardAdvert> Scan(Connection bus, TimeSpan duration)
    {
        var root = bus.CreateProxy<IObjectManager>(Service, ObjectPath.Root);
        var objects = Wait(root.GetManagedObjectsAsync(), "listing BlueZ objects");
        ObjectPath adapterPath = objects.Where(o => o.Value.ContainsKey("org.bluez.Adapter1")).Select(o => o.Key).FirstOrDefault();
        if (adapterPath == default) throw new BoardException("BlueZ has no Bluetooth adapter (is the controller powered? bluetoothctl "
            + "power on)");
        var adapter = bus.CreateProxy<IAdapter1>(Service, adapterPath);
        Wait(adapter.SetDiscoveryFilterAsync(
            new Dictionary<string, object> { ["UUIDs"] = new[] { ProtocolSpec.ServiceUuid }, ["Transport"] = "le" }),
            "setting the discovery filter");
        Wait(adapter.StartDiscoveryAsync(), "starting discovery");
        Thread.Sleep(duration);
        Wait(adapter.StopDiscoveryAsync(), "stopping discovery");
        return Wait(root.GetManagedObjectsAsync(), "listing BlueZ objects")
            .Where(o => o.Value.TryGetValue("org.bluez.Device1", out var p) && p.TryGetValue("UUIDs", out object? u) && u is string[] uuids
                        && uuids.Contains(ProtocolSpec.ServiceUuid, StringComparer.OrdinalIgnoreCase))
            .Select(o =>
                new BoardAdvert(o.Key, (string)o.Value["org.bluez.Device1"]["Address"],
                    o.Value["org.bluez.Device1"].TryGetValue("Name", out object? n) ? (string)n : "",
                o.Value["org.bluez.Device1"].TryGetValue("RSSI", out object? r) ? (short)r : (short)0))
            .ToList();
    }

    /// <summary>Connects to the board at <paramref name="devicePath"/> and subscribes to its notifications.</summary>
    public static BlueZTransport Connect(Connection bus, ObjectPath devicePath, TimeSpan timeout)
    {
        var device = bus.CreateProxy<IDevice1>(Service, devicePath);
        Wait(device.ConnectAsync(), "connecting to " + devicePath);
        var deadline = DateTime.UtcNow + timeout;
        while (!(bool)Wait(device.GetAsync("ServicesResolved"), "reading ServicesResolved"))
        {
            if (DateTime.UtcNow > deadline)
                throw new BoardException($"{devicePath}: GATT services not resolved within {timeout.TotalSeconds:0} s");
            Thread.Sleep(20);
        }

        var objects = Wait(bus.CreateProxy<IObjectManager>(Service, ObjectPath.Root).GetManagedObjectsAsync(), "listing GATT characteristics");
        ObjectPath Characteristic(string uuid) => objects.Where(o => o.Key.ToString().StartsWith(devicePath + "/", StringComparison.Ordinal)
                && o.Value.TryGetValue("org.bluez.GattCharacteristic1", out var p)
                && string.Equals((string)p["UUID"], uuid, StringComparison.OrdinalIgnoreCase))
            .Select(o => o.Key).FirstOrDefault() is { } path && path != default ? path
            : throw new BoardException($"{devicePath}: no characteristic {uuid} (is this a GluteSense board?)");
        var data = bus.CreateProxy<IGattCharacteristic1>(Service, Characteristic(ProtocolSpec.DataCharacteristicUuid));
        var response = bus.CreateProxy<IGattCharacteristic1>(Service, Characteristic(ProtocolSpec.ResponseCharacteristicUuid));
        var control = bus.CreateProxy<IGattCharacteristic1>(Service, Characteristic(ProtocolSpec.ControlCharacteristicUuid));
        string address = (string)Wait(device.GetAsync("Address"), "reading the address");
        var transport = new BlueZTransport(device, control, "BLE " + devicePath, address);
        transport._watches.Add(Wait(data.WatchPropertiesAsync(c => transport.OnValue(c, isData: true)), "watching data"));
        transport._watches.Add(Wait(response.WatchPropertiesAsync(c => transport.OnValue(c, isData: false)), "watching responses"));
        transport._watches.Add(Wait(device.WatchPropertiesAsync(transport.OnDevice), "watching the connection"));
        Wait(data.StartNotifyAsync(), "subscribing to data");
        Wait(response.StartNotifyAsync(), "subscribing to responses");
        return transport;
    }

    /// <inheritdoc />
    public byte[] Execute(byte[] packet, int length, TimeSpan timeout)
    {
        if (!_connected) throw new BoardDisconnectedException(Description + ": not connected");
        int token = packet[2];
        Wait(_control.WriteValueAsync(packet.AsSpan(0, length).ToArray(), new Dictionary<string, object> { ["type"] = "request" }),
            "writing a command");
        return _inbox.WaitFor(() =>
        {
            if (!_responses.TryTake(token, out Frame frame)) return null;
            int n = FrameEncoder.Encode(frame, _frame, 0);
            return _frame.AsSpan(0, n).ToArray();
        }, timeout, () => _connected,
            () => _responses.Corrupt > 0 ? $"{_responses.Corrupt} corrupt response fragment(s), no valid response" : null,
            $"{Description}: command 0x{packet[1]:x2} token {token}");
    }

    /// <inheritdoc />
    public IReadOnlyList<byte[]> DrainNotifications() => _inbox.Drain();

    private void OnValue(PropertyChanges changes, bool isData)
    {
        foreach (KeyValuePair<string, object> change in changes.Changed)
        {
            if (change.Key != "Value" || change.Value is not byte[] value) continue;
            if (isData) _inbox.AddNotification(value);
            else _inbox.Update(() => _responses.AddNotification(value));
        }
    }

    private void OnDevice(PropertyChanges changes)
    {
        foreach (KeyValuePair<string, object> change in changes.Changed)
        {
            if (change.Key == "Connected" && change.Value is false)
            {
                _connected = false;
                _inbox.Update();
            }
        }
    }

    private static T Wait<T>(Task<T> task, string what)
    {
        try
        {
            return task.GetAwaiter().GetResult();
        }
        catch (DBusException e) when (NeedsBond(e))
        {
            throw new BoardException($"BlueZ: {what} refused: the board requires a bonded, authenticated link "
                + "(run glutesense pair --passkey NNNNNN with the digits on its label)", e);
        }
        catch (DBusException e)
        {
            throw new BoardException($"BlueZ: {what} failed: {e.ErrorName}: {e.ErrorMessage}", e);
        }
    }

    // What BlueZ reports when a characteristic's ATT permissions are not met: NotPermitted / NotAuthorized, or a failed
    // operation with ATT error 0x05 (insufficient authentication) or 0x0f (insufficient encryption).
    private static bool NeedsBond(DBusException e) =>
        e.ErrorName is "org.bluez.Error.NotPermitted" or "org.bluez.Error.NotAuthorized"
        || e.ErrorMessage.Contains("0x05", StringComparison.Ordinal) || e.ErrorMessage.Contains("0x0f", StringComparison.OrdinalIgnoreCase);

    private static void Wait(Task task, string what) =>
        Wait(task.ContinueWith(t => { t.GetAwaiter().GetResult(); return 0; }, TaskScheduler.Default), what);

    /// <summary>Disconnects from the board and releases the D-Bus subscriptions.</summary>
    public void Dispose()
    {
        _connected = false;
        foreach (IDisposable w in _watches) w.Dispose();
        try
        {
            _device.DisconnectAsync().Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
        }
    }
}
