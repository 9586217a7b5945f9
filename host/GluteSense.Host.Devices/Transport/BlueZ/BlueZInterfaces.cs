using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using Tmds.DBus;

[assembly: InternalsVisibleTo(Tmds.DBus.Connection.DynamicAssemblyName)]

namespace GluteSense.Host.Transport.BlueZ;

// The parts of BlueZ's D-Bus API (doc/org.bluez.*.rst in BlueZ) that GluteSense uses. Tmds.DBus builds the client
// proxies (and, in the tests, the mock service's adapters) from these interfaces.

/// <summary>org.freedesktop.DBus.ObjectManager on "/" of org.bluez: every adapter, device, service, characteristic.</summary>
[DBusInterface("org.freedesktop.DBus.ObjectManager")]
public interface IObjectManager : IDBusObject
{
    Task<IDictionary<ObjectPath, IDictionary<string, IDictionary<string, object>>>> GetManagedObjectsAsync();
}

/// <summary>org.bluez.Adapter1: discovery.</summary>
[DBusInterface("org.bluez.Adapter1")]
public interface IAdapter1 : IDBusObject
{
    Task StartDiscoveryAsync();

    Task StopDiscoveryAsync();

    Task SetDiscoveryFilterAsync(IDictionary<string, object> filter);
}

/// <summary>org.bluez.Device1: connect, disconnect, pair; properties Address, Name, RSSI, UUIDs, Connected, ServicesResolved, Paired.</summary>
[DBusInterface("org.bluez.Device1")]
public interface IDevice1 : IDBusObject
{
    Task ConnectAsync();

    /// <summary>Pairs (and bonds: BlueZ stores the keys) through the registered agent.</summary>
    Task PairAsync();

    Task DisconnectAsync();

    Task<object> GetAsync(string prop);

    Task<Device1Properties> GetAllAsync();

    Task SetAsync(string prop, object val);

    Task<IDisposable> WatchPropertiesAsync(Action<PropertyChanges> handler);
}

/// <summary>Properties of org.bluez.Device1 that GluteSense reads.</summary>
[Dictionary]
public class Device1Properties
{
    public string Address = "";
    public string Name = "";
    public short RSSI;
    public string[] UUIDs = Array.Empty<string>();
    public bool Connected;
    public bool ServicesResolved;
    public bool Paired;
}

/// <summary>org.bluez.AgentManager1 on /org/bluez: who answers pairing requests (passkey entry).</summary>
[DBusInterface("org.bluez.AgentManager1")]
public interface IAgentManager1 : IDBusObject
{
    Task RegisterAgentAsync(ObjectPath agent, string capability);

    Task UnregisterAgentAsync(ObjectPath agent);

    Task RequestDefaultAgentAsync(ObjectPath agent);
}

/// <summary>
/// org.bluez.Agent1, implemented by the host (<see cref="PasskeyAgent"/>) and called by BlueZ while pairing: for LE
/// Secure Connections passkey entry with a board that displays (here: prints on its label) its passkey, BlueZ calls
/// RequestPasskey and the agent answers the 6 digits.
/// </summary>
[DBusInterface("org.bluez.Agent1")]
public interface IAgent1 : IDBusObject
{
    Task ReleaseAsync();

    Task<string> RequestPinCodeAsync(ObjectPath device);

    Task DisplayPinCodeAsync(ObjectPath device, string pincode);

    Task<uint> RequestPasskeyAsync(ObjectPath device);

    Task DisplayPasskeyAsync(ObjectPath device, uint passkey, ushort entered);

    Task RequestConfirmationAsync(ObjectPath device, uint passkey);

    Task RequestAuthorizationAsync(ObjectPath device);

    Task AuthorizeServiceAsync(ObjectPath device, string uuid);

    Task CancelAsync();
}

/// <summary>org.bluez.GattCharacteristic1: read, write, notify; properties UUID, Service, Value, Notifying, Flags, MTU.</summary>
[DBusInterface("org.bluez.GattCharacteristic1")]
public interface IGattCharacteristic1 : IDBusObject
{
    Task<byte[]> ReadValueAsync(IDictionary<string, object> options);

    Task WriteValueAsync(byte[] value, IDictionary<string, object> options);

    Task StartNotifyAsync();

    Task StopNotifyAsync();

    Task<object> GetAsync(string prop);

    Task<GattCharacteristic1Properties> GetAllAsync();

    Task SetAsync(string prop, object val);

    Task<IDisposable> WatchPropertiesAsync(Action<PropertyChanges> handler);
}

/// <summary>Properties of org.bluez.GattCharacteristic1 that GluteSense reads.</summary>
[Dictionary]
public class GattCharacteristic1Properties
{
    public string UUID = "";
    public ObjectPath Service;
    public byte[] Value = Array.Empty<byte>();
    public bool Notifying;
    public string[] Flags = Array.Empty<string>();
    public ushort MTU;
}
