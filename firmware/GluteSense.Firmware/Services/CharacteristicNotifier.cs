using System;
using GluteSense.Firmware.Core.Protocol;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.GenericAttributeProfile;
// nanoFramework's Buffer, named so where the BCL also has a System.Buffer (the device-app twin compiles this file on .NET).
using Buffer = nanoFramework.Device.Bluetooth.Buffer;

namespace GluteSense.Firmware.Services
{
    /// <summary>
    /// Sends notifications (or indications, as the characteristic was created) on one characteristic and checks each
    /// subscribed client's result. A failed notification is a lost fragment: the host sees a gap in the frame
    /// sequence and asks for the frame again from the retransmit ring, so the failure is counted, not retried here.
    /// </summary>
    public sealed class CharacteristicNotifier : INotificationSink
    {
        private readonly GattLocalCharacteristic _characteristic;
        private int _failures;

        public CharacteristicNotifier(GattLocalCharacteristic characteristic)
        {
            if (characteristic == null) throw new ArgumentNullException("characteristic");
            _characteristic = characteristic;
        }

        /// <summary>Notifications a subscribed client did not receive (GattCommunicationStatus other than Success).</summary>
        public int Failures { get { return _failures; } }

        /// <summary>True while a client is subscribed.</summary>
        public bool HasSubscriber { get { return _characteristic.SubscribedClients.Length > 0; } }

        /// <summary>One notification to every subscribed client; nothing when none subscribed.</summary>
        public void Send(byte[] buffer, int offset, int length)
        {
            if (!HasSubscriber)
            {
                return;
            }

            // nanoFramework's Buffer owns its bytes: one copy per notification (firmware-budget.md counts it).
            byte[] copy = new byte[length];
            Array.Copy(buffer, offset, copy, 0, length);
            GattClientNotificationResult[] results = _characteristic.NotifyValue(new Buffer(copy));
            for (int i = 0; i < results.Length; i++)
            {
                if (results[i] == null || results[i].Status != GattCommunicationStatus.Success)
                {
                    _failures++;
                }
            }
        }
    }
}
