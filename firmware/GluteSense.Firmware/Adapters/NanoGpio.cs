using System.Device.Gpio;
using System.Threading;
using GluteSense.Firmware.Core.Bus;
using GluteSense.Firmware.Core.Protocol;

namespace GluteSense.Firmware.Adapters
{
    /// <summary>The core's <see cref="IGpio"/> over the nanoFramework <see cref="GpioController"/>.</summary>
    public sealed class NanoGpio : IGpio
    {
        private const int MaxPin = 40;
        private readonly GpioController _controller;
        private readonly GpioPin[] _pins = new GpioPin[MaxPin];
        private readonly PinEdgeHandler[] _handlers = new PinEdgeHandler[MaxPin];

        public NanoGpio(GpioController controller) { _controller = controller; }

        /// <summary>Opens a pin as output (the drivers' START, RESET, PWDN, the LED).</summary>
        public void OpenOutput(int pin) { _pins[pin] = _controller.OpenPin(pin, PinMode.Output); }

        /// <summary>Opens a pin as input; with <paramref name="watchEdges"/> its edges reach <see cref="SetEdgeCallback"/>.</summary>
        public void OpenInput(int pin, bool pullUp, bool watchEdges)
        {
            GpioPin opened = _controller.OpenPin(pin, pullUp ? PinMode.InputPullUp : PinMode.Input);
            _pins[pin] = opened;
            if (watchEdges)
            {
                opened.ValueChanged += OnValueChanged;
            }
        }

        public void Write(int pin, bool high) { _controller.Write(pin, high ? PinValue.High : PinValue.Low); }

        public bool Read(int pin) { return _controller.Read(pin) == PinValue.High; }

        public void SetEdgeCallback(int pin, PinEdgeHandler handler) { _handlers[pin] = handler; }

        private void OnValueChanged(object sender, PinValueChangedEventArgs e)
        {
            PinEdgeHandler handler = _handlers[e.PinNumber];
            if (handler != null)
            {
                handler(e.PinNumber, e.ChangeType == PinEventTypes.Rising);
            }
        }
    }

    /// <summary>Delays by sleeping whole milliseconds (the drivers' waits are reset and power-up times, all >= 10 us).</summary>
    public sealed class NanoDelay : IDelay
    {
        public void WaitMicroseconds(int microseconds) { Thread.Sleep((microseconds + 999) / 1000); }
    }

    /// <summary>Device time in microseconds from the system tick (100 ns), wrapping after 2^32 us as the protocol expects.</summary>
    public sealed class NanoClock : IDeviceClock
    {
        public uint NowUs() { return (uint)(System.DateTime.UtcNow.Ticks / 10); }
    }
}
