using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using Tmds.DBus;

[assembly: InternalsVisibleTo(Tmds.DBus.Connection.DynamicAssemblyName)]

namespace GluteSense.Host.Transport.BlueZ;

// The parts of BlueZ's D-Bus API (doc/org.bluez.*.rst in BlueZ) that GluteSense uses. Tmds.DBus builds the client
// proxies (and, in the tests, the mock service's adapters) from these interfaces.
// Internal: they are not GluteSense API; the InternalsVisibleTo above lets the proxies Tmds.DBus emits implement them.

/// <summary>org.freedesktop.DBus.ObjectManager on "/" of org.bluez: every adapter, device, service, characteristic.</summary>
[DBusInterface("org.freedesktop.DBus.ObjectManager")]
internal interface IObjectManager : IDBusObject
{
    Task<IDictionary<ObjectPath, IDictionary<string, IDictionary<string, object>>>> GetManagedObjectsAsync();
}

/// <summary>org.bluez.Adapter1: discovery.</summary>
[DBusInterface("org.bluez.Adapter1")]
internal interface IAdapter1 : IDBusObject
{
    Task StartDiscoveryAsync();

    Task StopDiscoveryAsync();

    Task SetDiscoveryFilterAsync(IDictionary<string, object> filter);
}

/// <summary>org.bluez.Device1: connect, disconnect, pair; properties Address, Name, RSSI, UUIDs, Connected, ServicesResolved, Paired.</summary>
[DBusInterface("org.bluez.Device1")]
internal interface IDevice1 : IDBusObject
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
internal class Device1Properties
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
    /// <summary>Registers the agent at <paramref name="agent"/> with IO <paramref name="capability"/> (e.g. KeyboardOnly).</summary>
    Task RegisterAgentAsync(ObjectPath agent, string capability);

    /// <summary>Unregisters the agent at <paramref name="agent"/>; BlueZ stops sending it pairing requests.</summary>
    Task UnregisterAgentAsync(ObjectPath agent);

    /// <summary>Makes the registered agent at <paramref name="agent"/> BlueZ's default agent for pairing requests.</summary>
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
    /// <summary>Called when BlueZ unregisters the agent (e.g. on shutdown); the agent must not be used afterwards.</summary>
    Task ReleaseAsync();

    /// <summary>Asks for the legacy PIN code to pair with <paramref name="device"/> (1 to 16 characters).</summary>
    Task<string> RequestPinCodeAsync(ObjectPath device);

    /// <summary>Asks the agent to show <paramref name="pincode"/>, which the user types on <paramref name="device"/>.</summary>
    Task DisplayPinCodeAsync(ObjectPath device, string pincode);

    /// <summary>Asks for the passkey (0 to 999999) to pair with <paramref name="device"/>: the passkey-entry step.</summary>
    Task<uint> RequestPasskeyAsync(ObjectPath device);

    /// <summary>
    /// Asks the agent to show <paramref name="passkey"/> for the user to type on <paramref name="device"/>;
    /// <paramref name="entered"/> is how many digits have been typed so far.
    /// </summary>
    Task DisplayPasskeyAsync(ObjectPath device, uint passkey, ushort entered);

    /// <summary>Numeric comparison: asks to confirm that <paramref name="device"/> shows <paramref name="passkey"/> too.</summary>
    Task RequestConfirmationAsync(ObjectPath device, uint passkey);

    /// <summary>Asks whether pairing with <paramref name="device"/> without authentication (just works) may go ahead.</summary>
    Task RequestAuthorizationAsync(ObjectPath device);

    /// <summary>Asks whether <paramref name="device"/> may connect to the service <paramref name="uuid"/>.</summary>
    Task AuthorizeServiceAsync(ObjectPath device, string uuid);

    /// <summary>Called when BlueZ cancels the agent's pending request (e.g. the pairing timed out).</summary>
    Task CancelAsync();
}

/// <summary>org.bluez.GattCharacteristic1: read, write, notify; properties UUID, Service, Value, Notifying, Flags, MTU.</summary>
[DBusInterface("org.bluez.GattCharacteristic1")]
internal interface IGattCharacteristic1 : IDBusObject
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
internal class GattCharacteristic1Properties
{
    public string UUID = "";
    public ObjectPath Service;
    public byte[] Value = Array.Empty<byte>();
    public bool Notifying;
    public string[] Flags = Array.Empty<string>();
    public ushort MTU;
}
