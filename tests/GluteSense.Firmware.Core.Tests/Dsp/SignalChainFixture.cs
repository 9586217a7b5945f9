using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using GluteSense.Tests.Common;

namespace GluteSense.Firmware.Core.Tests.Dsp;

/// <summary>tests/fixtures/signal_chain_scipy.json (made by tests/fixtures/scripts/make_signal_chain_fixture.py).</summary>
internal static class SignalChainFixture
{
    internal sealed record RealCase(string Name, int SampleRateHz, double[] Filtered, int[] EnvelopeIndex, double[] Envelope);

    internal sealed record Response(int SampleRateHz, double[] FrequenciesHz, double[] Db);

    private static readonly Lazy<JsonDocument> Document =
        new(() => JsonDocument.Parse(File.ReadAllText(RepoPaths.Fixture("signal_chain_scipy.json"))));

    public static RealCase Real(string name)
    {
        JsonElement e = Document.Value.RootElement.GetProperty("real").EnumerateArray()
            .Single(x => x.GetProperty("name").GetString() == name);
        return new RealCase(name, e.GetProperty("fs").GetInt32(), Doubles(e.GetProperty("filtered")),
            e.GetProperty("envelopeIndex").EnumerateArray().Select(v => v.GetInt32()).ToArray(), Doubles(e.GetProperty("envelope")));
    }

    public static Response ResponseAt(int sampleRateHz)
    {
        JsonElement e = Document.Value.RootElement.GetProperty("response").EnumerateArray()
            .Single(x => x.GetProperty("fs").GetInt32() == sampleRateHz);
        return new Response(sampleRateHz, Doubles(e.GetProperty("freqs")), Doubles(e.GetProperty("db")));
    }

    public static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    /// <summary>The biosppy excerpt (12-bit counts) as float, as the board would hold it.</summary>
    public static float[] BiosppyInput() => File.ReadLines(RepoPaths.Data("biosppy-emg", "emg_1_first20s.txt"))
        .Where(l => !l.StartsWith('#') && l.Length > 0)
        .Select(l => (float)double.Parse(l, System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    /// <summary>The santuz gluteus maximus column as float.</summary>
    public static float[] SantuzInput() => File.ReadLines(RepoPaths.Data("santuz-gait-emg", "ID0012_TW_01_gmax.csv"))
        .Skip(1).Select(l => (float)double.Parse(l.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
}
