namespace GluteSense.Firmware.Core.Protocol
{
    /// <summary>
    /// What the board's signal chain can actually apply, asked by the <see cref="CommandHandler"/> before it answers
    /// OK to a command that changes the chain (set_filter, set_emg_rate): a setting the wire format allows but the
    /// chain cannot run is refused with ProtocolSpec.ErrBadValue and changes nothing.
    /// </summary>
    public interface IConfigurationCheck
    {
        /// <summary>Null when <paramref name="filter"/> can run at <paramref name="emgRateHz"/>, else a one-line reason.</summary>
        string CheckFilter(FilterCommandSettings filter, int emgRateHz);
    }
}
