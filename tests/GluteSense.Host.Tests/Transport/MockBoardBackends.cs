extern alias twin;
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Host.Virtual;
using Tmds.DBus;
using twin::GluteSense.Firmware.Twin.Board;
using twin::GluteSense.Firmware.Twin.Radio;
using PairingStatus = twin::nanoFramework.Device.Bluetooth.DevicePairingResultStatus;

namespace GluteSense.Host.Tests.Transport;

/// <summary>The board behind the mock BlueZ's device: connection, bonding and the ATT operations on its characteristics.
/// Refusals are thrown as the D-Bus errors BlueZ returns.</summary>
internal abstract class MockBoardBackend : IDisposable
{
    /// <summary>The mock, once attached.</summary>
    protected MockBlueZ Mock { get; private set; } = null!;

    /// <summary>BlueZ holds keys for the board.</summary>
    public abstract bool Bonded { get; }

    /// <summary>ATT MTU of the link.</summary>
    public abstract int AttMtu { get; }

    /// <summary>Commands the board executed.</summary>
    public int CommandsExecuted { get; protected set; }

    /// <summary>Starts the board's clock; notifications go to the mock's characteristics.</summary>
    public virtual void Attach(MockBlueZ mock) => Mock = mock;

    /// <summary>Connects; false when the board cannot be reached.</summary>
    public abstract bool Connect();

    /// <summary>The link drops.</summary>
    public abstract void Disconnect();

    /// <summary>Pairs with the passkey the agent gave; false when the board refused it.</summary>
    public abstract bool Pair(uint passkey);

    /// <summary>Reads a characteristic (null: the mock's cached value).</summary>
    public abstract byte[]? Read(string uuid);

    /// <summary>Writes a characteristic.</summary>
    public abstract void Write(string uuid, byte[] value);

    /// <summary>Subscribes to a characteristic.</summary>
    public abstract void Subscribe(string uuid, bool on);

    /// <summary>Stops the board's clock.</summary>
    public abstract void Dispose();

    /// <summary>ATT error 0x05 as BlueZ reports it.</summary>
    protected static DBusException InsufficientAuthentication() =>
        new("org.bluez.Error.NotPermitted", "Insufficient Authentication (ATT error 0x05)");
}

/// <summary>The virtual board, with the security of the board enforced by the mock itself.</summary>
internal sealed class VirtualBackend(VirtualBoard board, double speed, bool bonded, uint passkey) : MockBoardBackend
{
    private readonly object _gate = new();
    private Thread? _pump;
    private volatile bool _running = true;
    private bool _bonded = bonded;

    public override bool Bonded => _bonded;

    public override int AttMtu => ProtocolSpec.AttMtu247;

    public override void Attach(MockBlueZ mock)
    {
        base.Attach(mock);
        var wall = Stopwatch.StartNew();
        long startUs = board.NowUs;
        _pump = new Thread(() =>
        {
            while (_running)
            {
                Thread.Sleep(10);
                IReadOnlyList<byte[]> notifications;
                lock (_gate)
                {
                    board.AdvanceTo(startUs + (long)(wall.Elapsed.Ticks / 10 * speed));
                    notifications = board.Link.Drain();
                }

                if (!mock.Device.Connected) continue;   // a dropped link loses what the board sent meanwhile (the ring keeps it)
                foreach (byte[] n in notifications) mock.Data.Notify(n);
            }
        }) { IsBackground = true };
        _pump.Start();
    }

    public override bool Connect() => true;

    public override void Disconnect()
    {
    }

    public override bool Pair(uint typed)
    {
        if (typed != passkey) return false;
        _bonded = true;
        return true;
    }

    public override byte[]? Read(string uuid)
    {
        RequireBond();
        return null;
    }

    public override void Write(string uuid, byte[] value)
    {
        RequireBond();
        ThreadPool.QueueUserWorkItem(_ => OnCommand(value));   // answer after the write returns, as a board does
    }

    public override void Subscribe(string uuid, bool on) => RequireBond();

    public override void Dispose() => _running = false;

    private void OnCommand(byte[] packet)
    {
        if (Mock.Mute || !Mock.Device.Connected) return;
        IReadOnlyList<byte[]> fragments;
        lock (_gate)
        {
            // The board's own response path: its ResponsePublisher fragments at the link's MTU (PROTOCOL.md 4).
            fragments = board.ExecuteAsNotifications(packet, packet.Length);
            CommandsExecuted++;
        }

        foreach (byte[] n in fragments) Mock.Response.Notify(n);
    }

    // GattProtectionLevel.EncryptionAndAuthenticationRequired on the board: an unbonded link gets ATT error 0x05.
    private void RequireBond()
    {
        if (!_bonded) throw InsufficientAuthentication();
    }
}

/// <summary>
/// The device-app twin: every D-Bus operation becomes the ATT operation on a <see cref="TwinLink"/> from this host's
/// adapter, so the twin's emulated stack (and the app's own pairing code) decides what is refused. The twin's clock
/// runs at wall-clock pace x speed.
/// </summary>
internal sealed class TwinBackend(TwinBoard board, double speed, int attMtu) : MockBoardBackend
{
    /// <summary>The host adapter's address (bonds are keyed on it).</summary>
    public const ulong HostAddress = 0x0000_00AA_BBCC_DD01;

    private readonly TwinCentral _central = new(HostAddress, attMtu);
    private TwinPacer? _pacer;
    private TwinLink? _link;

    public TwinBoard Board => board;

    /// <summary>The current link (null while disconnected).</summary>
    public TwinLink? Link => _link;

    public override bool Bonded => board.Bonds.IsBonded(HostAddress);

    public override int AttMtu => _link?.AttMtu ?? attMtu;

    public override void Attach(MockBlueZ mock)
    {
        base.Attach(mock);
        _pacer = new TwinPacer(board, speed);
    }

    public override bool Connect()
    {
        try
        {
            _link?.Disconnect();
            TwinLink link = _central.Connect(board);
            link.Received += (characteristic, value) =>
            {
                if (Mock.Mute && characteristic == new Guid(ProtocolSpec.ResponseCharacteristicUuid)) return;
                (characteristic == new Guid(ProtocolSpec.DataCharacteristicUuid) ? Mock.Data : Mock.Response).Notify(value);
            };
            link.ExchangeMtu(attMtu);   // BlueZ exchanges the MTU right after connecting
            _link = link;
            return true;
        }
        catch (TwinLinkException)
        {
            return false;
        }
    }

    public override void Disconnect()
    {
        _link?.Disconnect();
        _link = null;
    }

    public override bool Pair(uint passkey)
    {
        bool temporary = _link == null && Connect();   // BlueZ connects to pair
        PairingStatus status = _link?.Pair((int)passkey) ?? PairingStatus.ConnectionRejected;
        if (temporary) Disconnect();
        return status == PairingStatus.Paired && Bonded;
    }

    public override byte[]? Read(string uuid)
    {
        byte error = Link0().Read(new Guid(uuid), out byte[] value);
        Throw(error);
        return value;
    }

    public override void Write(string uuid, byte[] value)
    {
        byte error = Link0().Write(new Guid(uuid), value);
        Throw(error);
        if (uuid == ProtocolSpec.ControlCharacteristicUuid) CommandsExecuted++;
    }

    public override void Subscribe(string uuid, bool on) => Throw(Link0().Subscribe(new Guid(uuid), on));

    public override void Dispose()
    {
        _pacer?.Dispose();
        _link?.Disconnect();
    }

    private TwinLink Link0() => _link is { Connected: true } link ? link : throw new DBusException("org.bluez.Error.NotConnected", "Not Connected");

    private static void Throw(byte attError)
    {
        if (attError == 0) return;
        if (attError == 0x05) throw InsufficientAuthentication();
        throw new DBusException("org.bluez.Error.Failed", $"ATT error 0x{attError:x2}");
    }
}
