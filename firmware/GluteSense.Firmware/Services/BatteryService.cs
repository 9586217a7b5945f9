using System;
using GluteSense.Firmware.Core.Protocol;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.GenericAttributeProfile;

namespace GluteSense.Firmware.Services
{
    /// <summary>The standard Battery service (0x180F): Battery Level (0x2A19, percent, read + notify).</summary>
    public sealed class BatteryService
    {
        private readonly GattLocalCharacteristic _level;
        private int _percent;

        public BatteryService(GattServiceProvider provider)
        {
            GattLocalService service = provider.AddService(new Guid(ProtocolSpec.BatteryServiceUuid));
            GattLocalCharacteristicResult result = service.CreateCharacteristic(new Guid(ProtocolSpec.BatteryLevelCharacteristicUuid),
                new GattLocalCharacteristicParameters { CharacteristicProperties = GattCharacteristicProperties.Read | GattCharacteristicProperties.Notify, UserDescription = "Battery level" });
            if (result.Error != BluetoothError.Success)
            {
                throw new InvalidOperationException("BLE: creating the battery level characteristic failed");
            }

            _level = result.Characteristic;
            _level.ReadRequested += OnRead;
        }

        /// <summary>Updates the level (0-100 %) and notifies subscribers when it changed.</summary>
        public void Update(int percent)
        {
            if (percent == _percent)
            {
                return;
            }

            _percent = percent;
            if (_level.SubscribedClients.Length > 0)
            {
                _level.NotifyValue(Value());
            }
        }

        private void OnRead(GattLocalCharacteristic sender, GattReadRequestedEventArgs args)
        {
            args.GetRequest().RespondWithValue(Value());
        }

        private Buffer Value()
        {
            var writer = new DataWriter();
            writer.WriteByte((byte)_percent);
            return writer.DetachBuffer();
        }
    }
}
