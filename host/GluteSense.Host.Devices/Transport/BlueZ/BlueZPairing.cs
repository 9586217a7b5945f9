using System;
using System.Threading.Tasks;
using Tmds.DBus;

namespace GluteSense.Host.Transport.BlueZ;

/// <summary>
/// The host's BlueZ agent for bonding with a board: it knows one board's passkey (printed on the board's label, set
/// at flashing) and answers BlueZ's RequestPasskey with it; every other kind of request (PIN codes, numeric
/// comparison, just-works authorisation) is rejected, so a bond is only ever made with passkey entry.
/// </summary>
public sealed class PasskeyAgent(uint passkey) : IAgent1
{
    /// <summary>Where the agent lives on the host's bus connection.</summary>
    public static readonly ObjectPath Path = new("/org/glutesense/agent");

    private const string Rejected = "org.bluez.Error.Rejected";

    /// <summary>The agent's D-Bus object path, always <see cref="Path"/>.</summary>
    public ObjectPath ObjectPath => Path;

    /// <summary>How many times BlueZ asked for the passkey.</summary>
    public int PasskeyRequests { get; private set; }

    /// <summary>Nothing to clean up when BlueZ releases the agent.</summary>
    public Task ReleaseAsync() => Task.CompletedTask;

    /// <summary>Rejected: boards pair with a passkey, never a legacy PIN code.</summary>
    public Task<string> RequestPinCodeAsync(ObjectPath device) => throw new DBusException(Rejected, "GluteSense boards pair with a "
        + "passkey, not a PIN code");

    /// <summary>Rejected: the host has no PIN to display.</summary>
    public Task DisplayPinCodeAsync(ObjectPath device, string pincode) => throw new DBusException(Rejected, "no PIN display");

    /// <summary>Answers the board's passkey given to the constructor and counts the request in <see cref="PasskeyRequests"/>.</summary>
    public Task<uint> RequestPasskeyAsync(ObjectPath device)
    {
        PasskeyRequests++;
        return Task.FromResult(passkey);
    }

    /// <summary>Ignored: the host types the passkey, it never shows one.</summary>
    public Task DisplayPasskeyAsync(ObjectPath device, uint shown, ushort entered) => Task.CompletedTask;

    /// <summary>Rejected: numeric comparison is not how boards pair.</summary>
    public Task RequestConfirmationAsync(ObjectPath device, uint shown) => throw new DBusException(Rejected, "numeric comparison is not "
        + "how GluteSense boards pair");

    /// <summary>Rejected: unauthenticated (just works) pairing would allow a bond without the passkey.</summary>
    public Task RequestAuthorizationAsync(ObjectPath device) => throw new DBusException(Rejected, "unauthenticated (just works) pairing "
        + "refused");

    /// <summary>Allows every service: the passkey bond is the check, services need no further authorisation.</summary>
    public Task AuthorizeServiceAsync(ObjectPath device, string uuid) => Task.CompletedTask;

    /// <summary>Nothing to undo: the agent keeps no state for a pending request.</summary>
    public Task CancelAsync() => Task.CompletedTask;
}

/// <summary>Bonding with a board through BlueZ (LE Secure Connections, passkey entry); docs/security.md.</summary>
public static class BlueZPairing
{
    /// <summary>Digits of a board passkey (Bluetooth Core: passkey entry uses a 6-digit decimal number).</summary>
    public const int PasskeyDigits = 6;

    /// <summary>Largest passkey (999999).</summary>
    public const uint MaxPasskey = 999999;

    /// <summary>The agent's capability: the host types the passkey the board shows on its label.</summary>
    public const string AgentCapability = "KeyboardOnly";

    /// <summary>Parses a passkey as typed on the command line: exactly 6 digits.</summary>
    public static uint ParsePasskey(string text)
    {
        if (text is null || text.Length != PasskeyDigits || !uint.TryParse(text, System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out uint value))
        {
            throw new BoardException($"passkey '{text}' must be the {PasskeyDigits} digits on the board's label");
        }

        return value;
    }

    /// <summary>
    /// Registers a <see cref="PasskeyAgent"/> for <paramref name="passkey"/> on <paramref name="bus"/>, pairs with the
    /// board at <paramref name="devicePath"/> (BlueZ keeps the bond; later connections are encrypted and
    /// authenticated with it) and unregisters the agent. A board that is already bonded is left as it is.
    /// </summary>
    public static void Pair(Connection bus, ObjectPath devicePath, uint passkey)
    {
        if (passkey > MaxPasskey) throw new BoardException($"passkey {passkey} has more than {PasskeyDigits} digits");
        var device = bus.CreateProxy<IDevice1>(BlueZTransport.Service, devicePath);
        if (Call(device.GetAsync("Paired"), "reading Paired", devicePath) is true) return;
        var agent = new PasskeyAgent(passkey);
        var manager = bus.CreateProxy<IAgentManager1>(BlueZTransport.Service, new ObjectPath("/org/bluez"));
        Call(bus.RegisterObjectAsync(agent).ContinueWith(t => { t.GetAwaiter().GetResult(); return 0; }, TaskScheduler.Default),
            "registering the pairing agent", devicePath);
        try
        {
            Call(manager.RegisterAgentAsync(PasskeyAgent.Path, AgentCapability), "registering the pairing agent", devicePath);
            Call(manager.RequestDefaultAgentAsync(PasskeyAgent.Path), "making the agent the default", devicePath);
            Call(device.PairAsync(), "pairing", devicePath);
        }
        finally
        {
            try
            {
                manager.UnregisterAgentAsync(PasskeyAgent.Path).Wait(TimeSpan.FromSeconds(2));
            }
            catch (AggregateException)
            {
            }

            bus.UnregisterObject(PasskeyAgent.Path);
        }
    }

    private static object Call(Task<object> task, string what, ObjectPath device) => Call<object>(task, what, device);

    private static void Call(Task task, string what, ObjectPath device) =>
        Call(task.ContinueWith(t => { t.GetAwaiter().GetResult(); return 0; }, TaskScheduler.Default), what, device);

    private static T Call<T>(Task<T> task, string what, ObjectPath device)
    {
        try
        {
            return task.GetAwaiter().GetResult();
        }
        catch (DBusException e) when (e.ErrorName == "org.bluez.Error.AuthenticationFailed")
        {
            throw new BoardException($"pairing with {device} failed: the board refused the passkey (check the {PasskeyDigits} digits on "
                + $"its label)", e);
        }
        catch (DBusException e)
        {
            throw new BoardException($"BlueZ: {what} with {device} failed: {e.ErrorName}: {e.ErrorMessage}", e);
        }
    }
}
