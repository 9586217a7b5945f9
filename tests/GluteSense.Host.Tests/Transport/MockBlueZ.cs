using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Host.Transport.BlueZ;
using GluteSense.Host.Virtual;
using Tmds.DBus;

namespace GluteSense.Host.Tests.Transport;

/// <summary>
/// A private D-Bus session bus (the Debian dbus package's daemon, started here) with a mock BlueZ on it: ObjectManager,
/// one adapter, one GluteSense device with its GATT characteristics, and a board behind them running in real time
/// (x speed): the virtual board (<see cref="VirtualBackend"/>: the mock itself enforces the board's security) or the
/// device-app twin (<see cref="TwinBackend"/>: each D-Bus call is an ATT operation on the twin's emulated stack, which
/// enforces the protection levels and runs the pairing with the app). The device can be dropped to simulate a
/// disconnect. Security (docs/security.md): data, control and response refuse an unbonded client (ATT insufficient
/// authentication, no data, no command executed); Device1.Pair asks the host's registered Agent1 for the passkey and
/// bonds only when it is the board's.
/// </summary>
internal sealed class MockBlueZ : IDisposable
{
    public const string DevicePath = "/org/bluez/hci0/dev_C0_FF_EE_00_00_01";
    private readonly Process _daemon;
    private readonly Connection _server;
    private readonly string _serverName;
    /// <summary>The passkey of the mock's board (what its label would show).</summary>
    public const uint DefaultPasskey = 428571;

    /// <param name="board">the virtual board behind the GATT characteristics</param>
    /// <param name="speed">board time per wall-clock time</param>
    /// <param name="bonded">true: the host already bonded (glutesense pair ran before); false: pairing is needed first</param>
    /// <param name="passkey">the board's passkey</param>
    public MockBlueZ(VirtualBoard board, double speed, bool bonded = true, uint passkey = DefaultPasskey)
        : this(new VirtualBackend(board, speed, bonded, passkey), passkey)
    {
    }

    /// <param name="backend">the board behind the GATT characteristics</param>
    /// <param name="passkey">the board's passkey (what its label shows)</param>
    public MockBlueZ(MockBoardBackend backend, uint passkey)
    {
        Backend = backend;
        Passkey = passkey;
        _daemon = Process.Start(new ProcessStartInfo("/usr/bin/dbus-daemon", "--session --nofork --print-address=1")
        { RedirectStandardOutput = true, UseShellExecute = false })!;
        Address = _daemon.StandardOutput.ReadLine() ?? throw new InvalidOperationException("dbus-daemon printed no address");
        _server = new Connection(Address);
        _serverName = _server.ConnectAsync().GetAwaiter().GetResult().LocalName;
        Device = new MockDevice(this);
        Data = new MockCharacteristic(this, DevicePath + "/service0010/char0011", ProtocolSpec.DataCharacteristicUuid, "notify");
        Control = new MockCharacteristic(this, DevicePath + "/service0010/char0014", ProtocolSpec.ControlCharacteristicUuid, "write");
        Response = new MockCharacteristic(this, DevicePath + "/service0010/char0016", ProtocolSpec.ResponseCharacteristicUuid,
            ProtocolSpec.ResponseProperty);
        var objects = new IDBusObject[] { new MockObjectManager(this), new MockAdapter(), new MockAgentManager(this), Device, Data, Control, Response };
        _server.RegisterObjectsAsync(objects).GetAwaiter().GetResult();
        _server.RegisterServiceAsync(BlueZTransport.Service).GetAwaiter().GetResult();
        backend.Attach(this);
    }

    /// <summary>Address of the private bus.</summary>
    public string Address { get; }

    /// <summary>A host's connection to the private bus (the tests' stand-in for the system bus).</summary>
    public Connection Client()
    {
        var bus = new Connection(Address);
        bus.ConnectAsync().GetAwaiter().GetResult();
        return bus;
    }

    /// <summary>The board's passkey.</summary>
    public uint Passkey { get; }

    /// <summary>The board behind the characteristics.</summary>
    public MockBoardBackend Backend { get; }

    /// <summary>Commands the board executed.</summary>
    public int CommandsExecuted => Backend.CommandsExecuted;

    /// <summary>The agent registered through AgentManager1, if any.</summary>
    public ObjectPath? Agent { get; private set; }
    public MockDevice Device { get; }

    public MockCharacteristic Data { get; }

    public MockCharacteristic Control { get; }

    public MockCharacteristic Response { get; }

    /// <summary>Commands are received but not answered while set.</summary>
    public bool Mute { get; set; }

    public void Dispose()
    {
        Backend.Dispose();
        _server.Dispose();
        if (!_daemon.HasExited) _daemon.Kill();
        _daemon.Dispose();
    }

    /// <summary>Base of the mock objects: properties, and PropertiesChanged to whoever watches.</summary>
    public abstract class MockObject(string path) : IDBusObject
    {
        private readonly List<Action<PropertyChanges>> _watchers = new();

        public ObjectPath ObjectPath { get; } = new(path);

        public abstract IDictionary<string, object> Properties();

        public Task<object> GetAsync(string prop) => Task.FromResult(Properties()[prop]);

        public Task SetAsync(string prop, object val) => Task.CompletedTask;

        public Task<IDisposable> WatchPropertiesAsync(Action<PropertyChanges> handler)
        {
            lock (_watchers) _watchers.Add(handler);
            return Task.FromResult<IDisposable>(new Unwatch(() => { lock (_watchers) _watchers.Remove(handler); }));
        }

        protected void Changed(string name, object value)
        {
            Action<PropertyChanges>[] watchers;
            lock (_watchers) watchers = _watchers.ToArray();
            foreach (Action<PropertyChanges> w in watchers) w(new PropertyChanges(new[] { new KeyValuePair<string, object>(name, value) }));
        }

        private sealed class Unwatch(Action action) : IDisposable
        {
            public void Dispose() => action();
        }
    }

    private sealed class MockObjectManager(MockBlueZ owner) : IObjectManager
    {
        public ObjectPath ObjectPath => ObjectPath.Root;

        public Task<IDictionary<ObjectPath, IDictionary<string, IDictionary<string, object>>>> GetManagedObjectsAsync()
        {
            var result = new Dictionary<ObjectPath, IDictionary<string, IDictionary<string, object>>>
            {
                [new ObjectPath("/org/bluez/hci0")] = new Dictionary<string, IDictionary<string, object>> { ["org.bluez.Adapter1"] = new Dictionary<string, object> { ["Powered"] = true } },
                [owner.Device.ObjectPath] = new Dictionary<string, IDictionary<string, object>> { ["org.bluez.Device1"] = owner.Device.Properties() },
            };
            foreach (MockCharacteristic c in new[] { owner.Data, owner.Control, owner.Response })
            {
                result[c.ObjectPath] = new Dictionary<string, IDictionary<string, object>> { ["org.bluez.GattCharacteristic1"] = c.Properties() };
            }

            return Task.FromResult<IDictionary<ObjectPath, IDictionary<string, IDictionary<string, object>>>>(result);
        }
    }

    /// <summary>
    /// Asks the registered agent for the passkey. D-Bus calls reach the mock without their sender here, so the agent is
    /// found by trying its path on each client connection of the private bus (there are one or two).
    /// </summary>
    private async Task<uint> RequestPasskeyAsync()
    {
        if (Agent is not ObjectPath agent) throw new DBusException("org.bluez.Error.AuthenticationFailed", "no agent registered to enter the passkey");
        string own = _serverName;
        foreach (string name in await _server.ListServicesAsync())
        {
            if (!name.StartsWith(':') || name == own) continue;
            try
            {
                return await _server.CreateProxy<IAgent1>(name, agent).RequestPasskeyAsync(Device.ObjectPath);
            }
            catch (DBusException e) when (e.ErrorName is "org.freedesktop.DBus.Error.UnknownObject" or "org.freedesktop.DBus.Error.UnknownMethod")
            {
            }
        }

        throw new DBusException("org.bluez.Error.AuthenticationFailed", "the registered agent did not answer");
    }

    private sealed class MockAgentManager(MockBlueZ owner) : IAgentManager1
    {
        public ObjectPath ObjectPath { get; } = new("/org/bluez");

        public Task RegisterAgentAsync(ObjectPath agent, string capability)
        {
            if (capability is not ("KeyboardOnly" or "KeyboardDisplay"))
            {
                throw new DBusException("org.bluez.Error.InvalidArguments", "passkey entry needs a keyboard capability");
            }

            owner.Agent = agent;
            return Task.CompletedTask;
        }

        public Task UnregisterAgentAsync(ObjectPath agent)
        {
            if (owner.Agent == agent) owner.Agent = null;
            return Task.CompletedTask;
        }

        public Task RequestDefaultAgentAsync(ObjectPath agent) => Task.CompletedTask;
    }

    private sealed class MockAdapter : IAdapter1
    {
        public ObjectPath ObjectPath { get; } = new("/org/bluez/hci0");
        public Task StartDiscoveryAsync() => Task.CompletedTask;
        public Task StopDiscoveryAsync() => Task.CompletedTask;
        public Task SetDiscoveryFilterAsync(IDictionary<string, object> filter) => Task.CompletedTask;
    }

    internal sealed class MockDevice(MockBlueZ owner) : MockObject(DevicePath), IDevice1
    {
        public bool Connected { get; private set; }

        /// <summary>Bonded: BlueZ holds keys from an LE Secure Connections passkey pairing.</summary>
        public bool Paired => owner.Backend.Bonded;

        /// <summary>Pairing attempts refused (wrong or no passkey).</summary>
        public int FailedPairings { get; private set; }

        public async Task PairAsync()
        {
            if (Paired) throw new DBusException("org.bluez.Error.AlreadyExists", "Already Exists");
            uint passkey = await owner.RequestPasskeyAsync();
            if (!owner.Backend.Pair(passkey))
            {
                FailedPairings++;
                throw new DBusException("org.bluez.Error.AuthenticationFailed", "Authentication Failed");
            }

            Changed("Paired", true);
        }

        /// <summary>Refuse connections while set (a board out of range).</summary>
        public bool Unreachable { get; set; }

        public override IDictionary<string, object> Properties() => new Dictionary<string, object>
        {
            ["Address"] = "C0:FF:EE:00:00:01", ["Name"] = "GluteSense", ["RSSI"] = (short)-58,
            ["UUIDs"] = new[] { ProtocolSpec.ServiceUuid }, ["Connected"] = Connected, ["ServicesResolved"] = Connected, ["Paired"] = Paired,
        };

        public Task ConnectAsync()
        {
            if (Unreachable || !owner.Backend.Connect()) throw new DBusException("org.bluez.Error.Failed", "le-connection-abort-by-local");
            Connected = true;
            Changed("Connected", true);
            return Task.CompletedTask;
        }

        public Task DisconnectAsync()
        {
            Drop();
            return Task.CompletedTask;
        }

        /// <summary>The radio link drops.</summary>
        public void Drop()
        {
            owner.Backend.Disconnect();
            Connected = false;
            Changed("Connected", false);
        }

        public Task<Device1Properties> GetAllAsync() => throw new NotSupportedException();
    }

    internal sealed class MockCharacteristic(MockBlueZ owner, string path, string uuid, string flag) : MockObject(path), IGattCharacteristic1
    {
        private byte[] _value = Array.Empty<byte>();

        public string Uuid => uuid;

        public bool Notifying { get; private set; }

        public override IDictionary<string, object> Properties() => new Dictionary<string, object>
        {
            ["UUID"] = uuid, ["Service"] = new ObjectPath(ObjectPath.ToString()[..ObjectPath.ToString().LastIndexOf('/')]), ["Value"] = _value,
            ["Notifying"] = Notifying, ["Flags"] = new[] { flag }, ["MTU"] = (ushort)owner.Backend.AttMtu,
        };

        public void Notify(byte[] value)
        {
            if (!Notifying) return;
            _value = value;
            Changed("Value", value);
        }

        public Task<byte[]> ReadValueAsync(IDictionary<string, object> options) => Task.FromResult(owner.Backend.Read(uuid) ?? _value);

        public Task WriteValueAsync(byte[] value, IDictionary<string, object> options)
        {
            owner.Backend.Write(uuid, value);
            return Task.CompletedTask;
        }

        public Task StartNotifyAsync()
        {
            owner.Backend.Subscribe(uuid, true);
            Notifying = true;
            return Task.CompletedTask;
        }

        public Task StopNotifyAsync()
        {
            Notifying = false;
            return Task.CompletedTask;
        }

        public Task<GattCharacteristic1Properties> GetAllAsync() => throw new NotSupportedException();
    }
}
