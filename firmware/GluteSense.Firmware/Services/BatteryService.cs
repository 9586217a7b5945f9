using System;
using GluteSense.Firmware.Core.Protocol;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.GenericAttributeProfile;
// nanoFramework's Buffer, named so where the BCL also has a System.Buffer (the device-app twin compiles this file on .NET).
using Buffer = nanoFramework.Device.Bluetooth.Buffer;

namespace GluteSense.Firmware.Services
{
    /// <summary>The standard Battery service (0x180F): Battery Level (0x2A19, percent, read + notify).</summary>
    public sealed class BatteryService
    {
        private readonly GattLocalCharacteristic _level;
        private int _percent;

        /// <summary>Creates the service: its own provider, published when the GluteSense service advertises.</summary>
        public BatteryService()
        {
            GattServiceProviderResult provider = GattServiceProvider.Create(new Guid(ProtocolSpec.BatteryServiceUuid));
            GluteSenseService.Check(provider.Error, "battery service");
            GattLocalCharacteristicResult result = provider.ServiceProvider.Service.CreateCharacteristic(new Guid(ProtocolSpec.BatteryLevelCharacteristicUuid),
                new GattLocalCharacteristicParameters { CharacteristicProperties = GattCharacteristicProperties.Read | GattCharacteristicProperties.Notify, UserDescription = "Battery level" });
            GluteSenseService.Check(result.Error, "battery level characteristic");
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
                // A lost battery notification is not worth a retry: the next change or a read brings the value.
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
