using GluteSense.Firmware.Core.Bus;

namespace GluteSense.Firmware.Core.Drivers.Ads1298
{
    /// <summary>Called from the DRDY edge with the status word and channel counts (buffers owned by the driver; copy out).</summary>
    public delegate void Ads1298FrameHandler(int statusWord, int[] channelCounts);

    /// <summary>
    /// TI ADS1298 8-channel 24-bit biopotential AFE over SPI (mode 1). Datasheet SBAS459: commands 9.5.3, registers 9.6,
    /// data format 9.4.1.7 (two's complement, 1 LSB = 2 VREF / gain / 2^24, see Dsp.CountsToMicrovolts), status word 9.4.4.2.
    /// </summary>
    public sealed class Ads1298
    {
        /// <summary>Channels on the chip.</summary>
        public const int ChannelCount = 8;
        /// <summary>Bytes per RDATAC frame: 24-bit status + 8 x 24-bit channels (SBAS459 9.4.4.2).</summary>
        public const int FrameBytes = 3 + 3 * ChannelCount;
        /// <summary>ID register value of the ADS1298 (DEV_ID 0b10010, 8 channels).</summary>
        public const byte ExpectedId = 0x92;
        /// <summary>Internal reference with CONFIG3.VREF_4V = 0.</summary>
        public const float InternalReference2V4 = 2.4f;
        /// <summary>Power-on reset wait: 2^18 tCLK at 2.048 MHz = 128 ms (SBAS459 10.1.2).</summary>
        public const int PowerOnResetWaitUs = 128000;
        /// <summary>RESET low pulse: at least 2 tCLK (~1 µs); 10 µs gives margin.</summary>
        public const int ResetPulseUs = 10;
        /// <summary>After RESET: 18 tCLK (~9 µs) before the first command.</summary>
        public const int AfterResetWaitUs = 10;
        /// <summary>Full-scale code (2^23 - 1).</summary>
        public const int FullScaleCounts = 8388607;
        /// <summary>Wait after powering the internal reference buffer (CONFIG3.PD_REFBUF) before conversions are
        /// trusted: the internal reference start-up time, 150 ms (SBAS459K 7.5 Electrical Characteristics, voltage
        /// reference; README "Datasheet check").</summary>
        public const int InternalReferenceSettleUs = 150000;
        /// <summary>Lead-off defaults: comparator threshold code 0 (95 % / 5 %) and excitation current code 0 (6 nA),
        /// the smallest current, so the DC lead-off check adds the least offset to the EMG.</summary>
        public const int LeadOffThresholdCode = 0, LeadOffCurrentCode = 0;

        private const byte Config1HighRes = 0x80;        // HR=1; DR[2:0] from the rate (Table 15): 2 kSPS 100, 1 kSPS 101, 500 SPS 110
        private const byte Config2TestSignal = 0x10;     // INT_TEST=1, 1x amplitude, fCLK/2^21
        private const byte Config3RefAndRld = 0xCC;      // PD_REFBUF=1, bit6 reserved 1, RLDREF_INT=1, PD_RLD=1
        private const byte Config4LeadOffCompOn = 0x02;  // PD_LOFF_COMP=1
        private const byte LoffDcDetection = 0x03;       // LOFF FLEAD_OFF[1:0] = 11: DC lead-off
        private const byte MuxNormal = 0x00, MuxShorted = 0x01, MuxTest = 0x05;

        private readonly ISpiBus _spi;
        private readonly IGpio _gpio;
        private readonly IDelay _delay;
        private readonly int _startPin, _resetPin, _pwdnPin, _drdyPin;
        private readonly byte[] _tx = new byte[FrameBytes + 2];
        private readonly byte[] _rx = new byte[FrameBytes + 2];
        private readonly int[] _frameCounts = new int[ChannelCount];
        private readonly int[] _gain = new int[ChannelCount];
        private Ads1298FrameHandler _handler;
        private float _vrefV = InternalReference2V4;
        private int _invalidFrames;

        /// <summary>Creates the driver; pins are GPIO numbers (BoardPins on the board).</summary>
        public Ads1298(ISpiBus spi, IGpio gpio, IDelay delay, int startPin, int resetPin, int pwdnPin, int drdyPin)
        {
            _spi = spi; _gpio = gpio; _delay = delay;
            _startPin = startPin; _resetPin = resetPin; _pwdnPin = pwdnPin; _drdyPin = drdyPin;
            for (int i = 0; i < ChannelCount; i++) _gain[i] = 6; // CHnSET default gain code 000 = 6
        }

        /// <summary>True while RDATAC streaming is on.</summary>
        public bool IsContinuous { get; private set; }

        /// <summary>True when the last <see cref="PowerUpAndReset"/> read <see cref="ExpectedId"/>; streaming needs it.</summary>
        public bool IdVerified { get; private set; }

        /// <summary>Frames whose status word lacked the 1100 preamble (SPI desynchronised, chip reset): not delivered.</summary>
        public int InvalidFrames { get { return _invalidFrames; } }

        /// <summary>
        /// Power-up and reset sequence (SBAS459 10.1.2 Figure 72); leaves the chip in SDATAC and returns the ID. A wrong
        /// ID (no chip, another chip, a broken SPI line) leaves <see cref="IdVerified"/> false and the driver refuses to
        /// stream; the app reports it as a hardware fault.
        /// </summary>
        public byte PowerUpAndReset()
        {
            _gpio.Write(_startPin, false);
            _gpio.Write(_pwdnPin, true);
            _gpio.Write(_resetPin, true);
            _delay.WaitMicroseconds(PowerOnResetWaitUs);
            _gpio.Write(_resetPin, false);
            _delay.WaitMicroseconds(ResetPulseUs);
            _gpio.Write(_resetPin, true);
            _delay.WaitMicroseconds(AfterResetWaitUs);
            SendCommand(Command.Sdatac); // the chip wakes in RDATAC; registers need SDATAC
            IsContinuous = false;
            for (int i = 0; i < ChannelCount; i++) _gain[i] = 6;
            _vrefV = InternalReference2V4;
            byte id = ReadRegister(Register.Id);
            IdVerified = id == ExpectedId;
            return id;
        }

        /// <summary>Standard EMG setup: high-resolution mode at <paramref name="sampleRateHz"/> (500, 1000 or 2000),
        /// internal 2.4 V reference (waits for it to settle), RLD on, all channels at gain. The rate must equal the
        /// runtime's EMG rate.</summary>
        public void ConfigureDefault(int gain, int sampleRateHz)
        {
            WriteRegister(Register.Config1, (byte)(Config1HighRes | DataRateCode(sampleRateHz)));
            WriteRegister(Register.Config3, Config3RefAndRld);
            _delay.WaitMicroseconds(InternalReferenceSettleUs);
            for (int ch = 0; ch < ChannelCount; ch++) SetChannel(ch, gain, MuxNormal, false);
        }

        /// <summary>
        /// The board's EMG setup: <see cref="ConfigureDefault"/>, then the channels outside <paramref name="usedChannels"/>
        /// powered down, right-leg drive derived from the used channels (so the body sits at mid-supply and common-mode
        /// interference is fed back), and DC lead-off detection on them (so the status word's lead-off flags mean
        /// something: with no excitation current they would never be set).
        /// </summary>
        public void ConfigureEmg(int gain, int sampleRateHz, byte usedChannels)
        {
            ConfigureDefault(gain, sampleRateHz);
            for (int ch = 0; ch < ChannelCount; ch++)
            {
                if ((usedChannels & (1 << ch)) == 0) PowerDownChannel(ch);
            }

            ConfigureRightLegDrive(usedChannels);
            ConfigureLeadOff(LeadOffThresholdCode, LeadOffCurrentCode, usedChannels);
        }

        /// <summary>Changes the data rate (500, 1000 or 2000 SPS, high-resolution mode). Only with conversions stopped
        /// (<see cref="StopContinuous"/>): writing CONFIG1 resets the digital filter, so a frame in flight would mix
        /// two rates and the sample clock the runtime counts would jump.</summary>
        public void SetSampleRate(int sampleRateHz)
        {
            if (IsContinuous) throw new System.InvalidOperationException("ADS1298: stop acquisition before changing the sample rate");
            WriteRegister(Register.Config1, (byte)(Config1HighRes | DataRateCode(sampleRateHz)));
        }

        /// <summary>Stops conversions and powers the chip down (PWDN low, SBAS459 9.4.6): the low-battery shutdown.</summary>
        public void PowerDown()
        {
            if (IsContinuous) StopContinuous();
            _gpio.Write(_pwdnPin, false);
        }

        /// <summary>CONFIG1 DR[2:0] in high-resolution mode (fMOD = fCLK / 4 = 512 kHz): 2 kSPS 100, 1 kSPS 101, 500 SPS 110.</summary>
        internal static int DataRateCode(int sampleRateHz)
        {
            switch (sampleRateHz)
            {
                case 2000: return 4;
                case 1000: return 5;
                case 500: return 6;
                default: throw new System.ArgumentException("ADS1298 rate must be 500, 1000 or 2000 SPS here");
            }
        }

        /// <summary>Sets PGA gain (1, 2, 3, 4, 6, 8, 12) of a channel with normal electrode input.</summary>
        public void SetGain(int channel, int gain) { SetChannel(channel, gain, MuxNormal, false); }

        /// <summary>Powers a channel down (unused channels save ~0.5 mA each) with its inputs shorted.</summary>
        public void PowerDownChannel(int channel) { SetChannel(channel, _gain[channel], MuxShorted, true); }

        /// <summary>Shorts a channel's inputs (offset calibration).</summary>
        public void SetInputShorted(int channel) { SetChannel(channel, _gain[channel], MuxShorted, false); }

        /// <summary>Routes the internal test signal (±VREF/2.4 mV square wave) to every channel.</summary>
        public void EnableTestSignal()
        {
            WriteRegister(Register.Config2, Config2TestSignal);
            for (int ch = 0; ch < ChannelCount; ch++) SetChannel(ch, _gain[ch], MuxTest, false);
        }

        /// <summary>DC lead-off: comparator threshold code (LOFF[7:5]), current code (LOFF[3:2]) on the channel mask;
        /// FLEAD_OFF[1:0] = 11 selects DC detection (00 and 10 are "do not use", SBAS459 LOFF register).</summary>
        public void ConfigureLeadOff(int comparatorThresholdCode, int currentCode, byte channelMask)
        {
            WriteRegister(Register.Loff, (byte)(((comparatorThresholdCode & 7) << 5) | ((currentCode & 3) << 2) | LoffDcDetection));
            WriteRegister(Register.LoffSensP, channelMask);
            WriteRegister(Register.LoffSensN, channelMask);
            WriteRegister(Register.Config4, Config4LeadOffCompOn);
        }

        /// <summary>Right-leg drive derived from the channels in the mask (positive and negative inputs).</summary>
        public void ConfigureRightLegDrive(byte channelMask)
        {
            WriteRegister(Register.RldSensP, channelMask);
            WriteRegister(Register.RldSensN, channelMask);
        }

        /// <summary>Starts conversions (START pin) and continuous read (RDATAC); DRDY falls per frame. Refused when
        /// the chip did not identify itself at <see cref="PowerUpAndReset"/>.</summary>
        public void StartContinuous(Ads1298FrameHandler handler)
        {
            if (!IdVerified) throw new System.InvalidOperationException("ADS1298: wrong or no ID at start-up, not streaming");
            _handler = handler;
            _gpio.SetEdgeCallback(_drdyPin, OnDrdyEdge);
            SendCommand(Command.Rdatac);
            IsContinuous = true;
            _gpio.Write(_startPin, true);
        }

        /// <summary>Stops conversions and continuous read (SDATAC).</summary>
        public void StopContinuous()
        {
            _gpio.Write(_startPin, false);
            _gpio.SetEdgeCallback(_drdyPin, null);
            SendCommand(Command.Sdatac);
            IsContinuous = false;
        }

        /// <summary>Reads one frame in RDATAC (zero allocation): channel counts into counts[offset..offset+8); returns the status word.</summary>
        public int ReadFrame(int[] counts, int offset)
        {
            for (int i = 0; i < FrameBytes; i++) _tx[i] = 0;
            _spi.TransferFullDuplex(_tx, 0, _rx, 0, FrameBytes);
            int status = (_rx[0] << 16) | (_rx[1] << 8) | _rx[2];
            for (int ch = 0; ch < ChannelCount; ch++) counts[offset + ch] = UnpackCounts(_rx, 3 + 3 * ch);
            return status;
        }

        /// <summary>24-bit big-endian two's complement to counts (SBAS459 9.4.1.7).</summary>
        public static int UnpackCounts(byte[] buffer, int offset)
        {
            int raw = (buffer[offset] << 16) | (buffer[offset + 1] << 8) | buffer[offset + 2];
            return Dsp.CountsToMicrovolts.SignExtend24(raw);
        }

        /// <summary>
        /// Counts to microvolts at the electrodes, with the one LSB formula of the project
        /// (<see cref="Dsp.CountsToMicrovolts.LsbMicrovolts"/>: 2 x VREF / gain / 2^24).
        /// </summary>
        public static float CountsToMicrovolts(int counts, int gain, float vrefV)
        {
            return counts * Dsp.CountsToMicrovolts.LsbMicrovolts(vrefV, gain);
        }

        /// <summary>Counts of a channel to microvolts with the configured gain and reference.</summary>
        public float ChannelCountsToMicrovolts(int channel, int counts) { return CountsToMicrovolts(counts, _gain[channel], _vrefV); }

        /// <summary>Status word check: bits 23:20 are 1100 (SBAS459 9.4.4.2).</summary>
        public static bool IsValidStatus(int statusWord) { return ((statusWord >> 20) & 0xF) == 0xC; }

        /// <summary>LOFF_STATP bits (positive electrode off, bit n = channel n+1) from the status word.</summary>
        public static byte LeadOffPositive(int statusWord) { return (byte)((statusWord >> 12) & 0xFF); }

        /// <summary>LOFF_STATN bits (negative electrode off) from the status word.</summary>
        public static byte LeadOffNegative(int statusWord) { return (byte)((statusWord >> 4) & 0xFF); }

        /// <summary>LOFF_STATP in bits 15:8 and LOFF_STATN in bits 7:0 (as <see cref="ReadLeadOffStatus"/> packs the
        /// registers): the status word's bits 19:4, one shift per DRDY frame; per-electrode bits stay apart so the status
        /// frame can say which electrode of a channel is off.</summary>
        public static int LeadOffStatus(int statusWord) { return (statusWord >> 4) & 0xFFFF; }

        /// <summary>Reads LOFF_STATP/N registers (outside RDATAC); packed as P in bits 15:8 and N in 7:0.</summary>
        public int ReadLeadOffStatus()
        {
            return (ReadRegister(Register.LoffStatP) << 8) | ReadRegister(Register.LoffStatN);
        }

        /// <summary>Reads a register by address (SDATAC mode).</summary>
        public byte ReadRegister(byte address) { return ReadRegister((Register)address); }

        internal byte ReadRegister(Register register)
        {
            _tx[0] = (byte)((byte)Command.Rreg | (byte)register);
            _tx[1] = 0; // n - 1 = 0: one register
            _tx[2] = 0;
            _spi.TransferFullDuplex(_tx, 0, _rx, 0, 3);
            return _rx[2];
        }

        internal void WriteRegister(Register register, byte value)
        {
            _tx[0] = (byte)((byte)Command.Wreg | (byte)register);
            _tx[1] = 0;
            _tx[2] = value;
            _spi.TransferFullDuplex(_tx, 0, _rx, 0, 3);
            if (register == Register.Config3) _vrefV = (value & 0x20) != 0 ? 4f : InternalReference2V4;
        }

        private void SetChannel(int channel, int gain, int mux, bool powerDown)
        {
            if (channel < 0 || channel >= ChannelCount) throw new System.ArgumentOutOfRangeException("channel");
            int code = GainCode(gain);
            WriteRegister((Register)((int)Register.Ch1Set + channel), (byte)((powerDown ? 0x80 : 0) | (code << 4) | mux));
            _gain[channel] = gain;
        }

        /// <summary>CHnSET GAIN[2:0] code (SBAS459 Table 21).</summary>
        internal static int GainCode(int gain)
        {
            switch (gain)
            {
                case 6: return 0;
                case 1: return 1;
                case 2: return 2;
                case 3: return 3;
                case 4: return 4;
                case 8: return 5;
                case 12: return 6;
                default: throw new System.ArgumentException("ADS1298 gain must be 1, 2, 3, 4, 6, 8 or 12");
            }
        }

        private void SendCommand(Command command)
        {
            _tx[0] = (byte)command;
            _spi.TransferFullDuplex(_tx, 0, _rx, 0, 1);
        }

        private void OnDrdyEdge(int pin, bool risingEdge)
        {
            if (risingEdge || !IsContinuous) return; // DRDY is active low
            int status = ReadFrame(_frameCounts, 0);
            if (!IsValidStatus(status))
            {
                _invalidFrames++;   // garbage, not a sample: the block is short by one and the loss is counted
                return;
            }

            Ads1298FrameHandler h = _handler;
            if (h != null) h(status, _frameCounts);
        }
    }
}
