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
    /// timeout passes; then throws saying which: <see cref="BoardDisconnectedException"/>, or
    /// <see cref="BoardResponseException"/> when <paramref name="invalid"/> describes what did arrive (malformed or
    /// mismatched responses), else <see cref="BoardTimeoutException"/>.
    /// </summary>
    public byte[] WaitFor(Func<byte[]?> tryTake, TimeSpan timeout, Func<bool> connected, Func<string?> invalid, string what)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        lock (_gate)
        {
            while (true)
            {
                if (tryTake() is byte[] response) return response;
                TimeSpan left = deadline - DateTime.UtcNow;
                string within = $"within {timeout.TotalMilliseconds:0} ms";
                if (!connected()) throw new BoardDisconnectedException($"{what}: the link dropped {within}");
                if (left <= TimeSpan.Zero)
                {
                    throw invalid() is string arrived
                        ? new BoardResponseException($"{what}: {arrived} {within}")
                        : new BoardTimeoutException($"{what}: no response {within}");
                }

                Monitor.Wait(_gate, left);
            }
        }
    }
}
