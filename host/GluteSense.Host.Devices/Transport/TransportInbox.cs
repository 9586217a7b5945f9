using System;
using System.Collections.Generic;
using System.Threading;

namespace GluteSense.Host.Transport;

/// <summary>
/// What a transport's receive side shares with its callers: queued data notifications, and waiting (with a timeout)
/// until a matching response has arrived. One lock; receivers call <see cref="Update"/> to change state and wake waiters.
/// </summary>
internal sealed class TransportInbox
{
    private readonly object _gate = new();
    private readonly Queue<byte[]> _notifications = new();

    public void AddNotification(byte[] notification) => Update(() => _notifications.Enqueue(notification));

    /// <summary>Runs <paramref name="change"/> under the lock and wakes every waiter.</summary>
    public void Update(Action? change = null)
    {
        lock (_gate)
        {
            change?.Invoke();
            Monitor.PulseAll(_gate);
        }
    }

    public IReadOnlyList<byte[]> Drain()
    {
        lock (_gate)
        {
            byte[][] all = _notifications.ToArray();
            _notifications.Clear();
            return all;
        }
    }

    /// <summary>
    /// Waits until <paramref name="tryTake"/> (called under the lock) returns a response, the link drops, or the
    /// timeout passes; then throws a <see cref="TransportException"/> saying which, with <paramref name="nothing"/>
    /// describing what did (not) arrive.
    /// </summary>
    public byte[] WaitFor(Func<byte[]?> tryTake, TimeSpan timeout, Func<bool> connected, Func<string> nothing, string what)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        lock (_gate)
        {
            while (true)
            {
                if (tryTake() is byte[] response) return response;
                TimeSpan left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || !connected())
                {
                    throw new TransportException($"{what}: {(!connected() ? "the link dropped" : nothing())} within {timeout.TotalMilliseconds:0} ms");
                }

                Monitor.Wait(_gate, left);
            }
        }
    }
}
