using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using GluteSense.Host.Export;

namespace GluteSense.Host.Tests.Export;

/// <summary>
/// An EDF+ file read byte by byte against the format's specification (Kemp and Olivan 2003, "European data format
/// 'plus' (EDF+)", Clin Neurophysiol 114: 1755-1761; edfplus.info/specs): the fixed-width ASCII header, the
/// per-signal fields, the 16-bit samples scaled between the physical and digital limits, and the time-stamped
/// annotation lists (TALs) of each data record, on a hand-made signal whose every byte is worked out in the comments.
/// </summary>
public sealed class EdfLayoutTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("glutesense-edflayout-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private sealed class Reader
    {
        private readonly byte[] _b;
        private int _at;

        public Reader(byte[] b) => _b = b;

        public string Text(int width)
        {
            string s = Encoding.ASCII.GetString(_b, _at, width);
            _at += width;
            return s;
        }

        public string[] Texts(int count, int width) => Enumerable.Range(0, count).Select(_ => Text(width)).ToArray();

        public short Int16()
        {
            short v = BitConverter.ToInt16(_b, _at);
            _at += 2;
            return v;
        }

        public string Tals(int samples)
        {
            string s = Encoding.UTF8.GetString(_b, _at, 2 * samples);
            _at += 2 * samples;
            return s;
        }

        public int Position => _at;
    }

    [Fact]
    public void HeaderSamplesAndAnnotationsFollowTheSpecification()
    {
        // 6 samples at 4 Hz = 1.5 s: two 1 s records, the second padded. Sample 4 is missing.
        double[] v = { -1.5, 0, 2.25, 10, double.NaN, 3 };
        string path = Path.Combine(_dir, "t.edf");
        EdfWriter.Write(path, "p 1", new DateTime(2026, 11, 30, 9, 5, 7, DateTimeKind.Utc),
            new[] { new EdfSignal("gmax_l", "uV", 4, v, "HP:20Hz", "Ag/AgCl") }, new[] { new EdfAnnotation(0.5, 1, "rep 1") });
        var r = new Reader(File.ReadAllBytes(path));

        Assert.Equal("0       ", r.Text(8));                            // version
        Assert.Equal("p_1 X X X".PadRight(80), r.Text(80));             // patient: code (spaces to _), sex, birthdate, name unknown
        Assert.Equal("Startdate 30-NOV-2026 X X GluteSense".PadRight(80), r.Text(80));
        Assert.Equal("30.11.26", r.Text(8));
        Assert.Equal("09.05.07", r.Text(8));
        Assert.Equal("768     ", r.Text(8));                            // 256 x (1 + 2 signals)
        Assert.Equal("EDF+C".PadRight(44), r.Text(44));
        Assert.Equal("2       ", r.Text(8));                            // records
        Assert.Equal("1       ", r.Text(8));                            // record duration (s)
        Assert.Equal("2   ", r.Text(4));                                // signals, the annotation signal included
        Assert.Equal(new[] { "gmax_l".PadRight(16), "EDF Annotations " }, r.Texts(2, 16));
        Assert.Equal(new[] { "Ag/AgCl".PadRight(80), new string(' ', 80) }, r.Texts(2, 80));
        Assert.Equal(new[] { "uV      ", "        " }, r.Texts(2, 8));
        Assert.Equal(new[] { "-1.5    ", "-1      " }, r.Texts(2, 8));  // physical minimum
        Assert.Equal(new[] { "10      ", "1       " }, r.Texts(2, 8));  // physical maximum
        Assert.Equal(new[] { "-32768  ", "-32768  " }, r.Texts(2, 8));
        Assert.Equal(new[] { "32767   ", "32767   " }, r.Texts(2, 8));
        Assert.Equal(new[] { "HP:20Hz".PadRight(80), new string(' ', 80) }, r.Texts(2, 80));
        string[] perRecord = r.Texts(2, 8);
        Assert.Equal("4       ", perRecord[0]);
        int annotationSamples = int.Parse(perRecord[1].Trim());
        Assert.Equal(new[] { new string(' ', 32), new string(' ', 32) }, r.Texts(2, 32));
        Assert.Equal(768, r.Position);

        // Digital = round((x - min) / step) - 32768, step = (10 - -1.5) / 65535: 0 -> round(8548.04) = 8548,
        // 2.25 -> round(21370.11) = 21370, 3 -> round(25644.13) = 25644; missing and padding at the digital minimum.
        Assert.Equal(new short[] { -32768, 8548 - 32768, 21370 - 32768, 32767 }, Enumerable.Range(0, 4).Select(_ => r.Int16()));
        string first = r.Tals(annotationSamples);
        Assert.Equal(new short[] { -32768, 25644 - 32768, -32768, -32768 }, Enumerable.Range(0, 4).Select(_ => r.Int16()));
        string second = r.Tals(annotationSamples);

        // Each record opens with its time-keeping TAL (onset, empty text); then the annotations that start in it,
        // "+onset[\x15duration]\x14text\x14\0", and NUL padding to the signal's size.
        Assert.Equal("+0\u0014\u0014\0+0.5\u00151\u0014rep 1\u0014\0", first.TrimEnd('\0') + "\0");
        Assert.Equal("+1\u0014\u0014\0+1\u00150.25\u0014gap: gmax_l no data\u0014\0+1.5\u00150.5\u0014padding: no data (end of recording)\u0014\0",
            second.TrimEnd('\0') + "\0");
        // The annotation signal holds the longest record's TALs (5 + 29 + 46 = 80 bytes) and at least one NUL more, in
        // 2-byte samples: (80 + 1) / 2 + 1 = 41.
        Assert.Equal(41, annotationSamples);
        Assert.Equal(768 + 2 * (2 * 4 + 2 * 41), new FileInfo(path).Length);
    }

    [Fact]
    public void LimitsFitEightCharacters_TextIsAscii_AndAFlatSignalGetsAUnitRange()
    {
        string path = Path.Combine(_dir, "limits.edf");
        // 1234.56789 has 10 characters: rounded outward to 1234.568 (max) and 1234.567 (min of the other signal).
        EdfWriter.Write(path, "ö", new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), new[]
        {
            new EdfSignal("a\u00b5V", "\u00b5V", 1, new[] { 0, 1234.56789 }, ""),
            new EdfSignal("b", "", 1, new[] { 1234.56789, 1234.56789 }, ""),
            new EdfSignal("c", "", 1, new[] { double.NaN, double.NaN }, ""),
            new EdfSignal("d", "", 1, new[] { -0.123456789, 12345678.9 }, ""),
            new EdfSignal("e~", "", 1, new[] { 0, 1e-7 }, ""),
        }, new[] { new EdfAnnotation(0.25, 0, "marker") });
        var r = new Reader(File.ReadAllBytes(path));
        r.Text(8);
        Assert.Equal("_ X X X", r.Text(80).TrimEnd());   // the subject's non-ASCII letter as _
        r.Text(80);
        Assert.Equal("02.01.26", r.Text(8));
        Assert.Equal("03.04.05", r.Text(8));
        r.Text(8 + 44);
        Assert.Equal("2       ", r.Text(8));   // 2 s of data at 1 Hz fill exactly two records, no padding record
        r.Text(8 + 4);
        string[] labels = r.Texts(6, 16).Select(l => l.TrimEnd()).ToArray();
        Assert.Equal(("a_V", "e~"), (labels[0], labels[4]));   // printable ASCII (space to ~) is kept
        r.Texts(6, 80);
        Assert.Equal("_V", r.Texts(6, 8)[0].TrimEnd());
        // b is flat: its range is [x, x + 1]; c has no value: [0, 1]; d needs 8 characters both ends; e's maximum is
        // written in fixed point (0.000001), never in exponent form.
        Assert.Equal(new[] { "0", "1234.567", "0", "-0.12346", "0", "-1" }, r.Texts(6, 8).Select(s => s.TrimEnd()));
        Assert.Equal(new[] { "1234.568", "1235.568", "1", "12345679", "0.000001", "1" }, r.Texts(6, 8).Select(s => s.TrimEnd()));
        r.Texts(6 * 2, 8);   // digital minima and maxima; prefiltering follows
        r.Texts(6, 80);
        int[] samples = r.Texts(6, 8).Select(x => int.Parse(x.Trim())).ToArray();
        r.Texts(6, 32);
        r.Texts(5, 2);   // record 0: one sample of each data signal
        // c's 2 s without a value, then an annotation without duration, which has no duration field.
        Assert.Equal("+0\u0014\u0014\0+0\u00152\u0014gap: c no data\u0014\0+0.25\u0014marker\u0014\0", r.Tals(samples[5]).TrimEnd('\0') + "\0");
        Assert.Throws<ArgumentException>(() => EdfWriter.Write(path, "p", DateTime.UtcNow, Array.Empty<EdfSignal>(), Array.Empty<EdfAnnotation>()));
    }
}
