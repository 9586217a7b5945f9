using System;
using System.CommandLine;
using System.Linq;
using GluteSense.Host.IO;
using GluteSense.Host.Transport;
using GluteSense.Host.Transport.BlueZ;

namespace GluteSense.Cli.Commands;

/// <summary>
/// Which board a command talks to: <c>--serial PORT</c>, <c>--ble [ADDRESS]</c> (a board over BlueZ: that address, or
/// the strongest GluteSense board found), or neither (the command's virtual board). Shared by every command that
/// streams, so the options mean the same everywhere.
/// </summary>
internal sealed record BoardOptions(Option<string?> Serial, Option<string?> Ble)
{
    /// <summary>How long to scan for boards over BLE.</summary>
    public static readonly TimeSpan ScanTime = TimeSpan.FromSeconds(5);

    /// <summary>How long connecting over BLE may take (connection and GATT service discovery).</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    public static BoardOptions Create() => new(
        new Option<string?>("--serial") { Description = "A real board on a serial / USB-CDC port (for example /dev/ttyACM0)" },
        new Option<string?>("--ble")
        {
            Description = "A real board over Bluetooth LE through BlueZ: its address, or without one the strongest GluteSense board found",
            Arity = ArgumentArity.ZeroOrOne,
        });

    public void AddTo(Command command)
    {
        command.Options.Add(Serial);
        command.Options.Add(Ble);
    }

    /// <summary>True when the options name a real board.</summary>
    public bool NamesABoard(ParseResult parse) => parse.GetValue(Serial) != null || parse.GetResult(Ble) != null;

    /// <summary>A session on the real board the options name, or null when they name none.</summary>
    public BoardSession? Open(ParseResult parse)
    {
        string? port = parse.GetValue(Serial);
        bool ble = parse.GetResult(Ble) != null;
        if (port != null && ble) throw new InputException("--serial and --ble name two boards: give one");
        if (port != null) return new BoardSession(() => SerialTransport.Open(port));
        if (!ble) return null;
        Tmds.DBus.Connection bus = SystemBus();
        BoardAdvert board = Find(bus, parse.GetValue(Ble));
        return new BoardSession(() => BlueZTransport.Connect(bus, board.Path, ConnectTimeout));
    }

    /// <summary>A connection to the system bus where BlueZ lives (DBUS_SYSTEM_BUS_ADDRESS when set, as for every D-Bus
    /// client); it stays open for the command's lifetime, as the session reconnects through it.</summary>
    public static Tmds.DBus.Connection SystemBus()
    {
        // The variable is read on every call: Tmds.DBus's Address.System keeps the first value it saw for the process.
        string address = Environment.GetEnvironmentVariable("DBUS_SYSTEM_BUS_ADDRESS") ?? Tmds.DBus.Address.System
            ?? throw new BoardException("no system D-Bus address: BlueZ cannot be reached");
        var bus = new Tmds.DBus.Connection(address);
        try
        {
            bus.ConnectAsync().GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is Tmds.DBus.ConnectException or System.IO.IOException or System.Net.Sockets.SocketException)
        {
            bus.Dispose();
            throw new BoardException($"cannot reach BlueZ on the system D-Bus ({address}): {e.Message}", e);
        }

        return bus;
    }

    /// <summary>The GluteSense board with <paramref name="address"/> (or the strongest one) among those a scan finds.</summary>
    public static BoardAdvert Find(Tmds.DBus.Connection bus, string? address)
    {
        var boards = BlueZTransport.Scan(bus, ScanTime);
        return (address is null
                ? boards.OrderByDescending(b => b.RssiDbm).FirstOrDefault()
                : boards.FirstOrDefault(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)))
            ?? throw new InputException(address is null
                ? "no GluteSense board found over BLE (is it on and advertising? is BlueZ running?)"
                : $"no GluteSense board with address {address} found over BLE");
    }
}
