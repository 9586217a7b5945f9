using System;
using System.CommandLine;
using System.Linq;
using GluteSense.Host.IO;
using GluteSense.Host.Transport.BlueZ;

namespace GluteSense.Cli.Commands;

/// <summary>
/// <c>glutesense pair [--address ADDRESS] --passkey N</c>: bonds this computer with a board over BlueZ (LE Secure
/// Connections, passkey entry through a BlueZ Agent1). The other commands' <c>--ble</c> connections then use the bond;
/// without it the board refuses data and commands (docs/security.md).
/// </summary>
internal static class PairCommand
{
    public static Command Create()
    {
        var address = new Option<string?>("--address") { Description = "Bluetooth address of the board (default: the strongest GluteSense board found)" };
        var passkey = new Option<string>("--passkey") { Description = "The board's 6-digit passkey (on its label)", Required = true };
        var command = new Command("pair", "Bond with a board over Bluetooth LE (passkey from its label); needed once before --ble");
        command.Options.Add(address);
        command.Options.Add(passkey);
        command.SetAction((parse, cancel) => CommandRunner.Run(parse, "pair", cancel, stdout =>
        {
            uint key = BlueZPairing.ParsePasskey(parse.GetValue(passkey)!);
            using Tmds.DBus.Connection bus = BoardOptions.SystemBus();
            BoardAdvert board = BoardOptions.Find(bus, parse.GetValue(address));
            BlueZPairing.Pair(bus, board.Path, key);
            stdout.WriteLine($"bonded with {board.Name} {board.Address}: --ble connections to it are now encrypted and authenticated");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
