using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using GluteSense.Firmware.Core.Board;
using GluteSense.Tests.Common;

namespace GluteSense.Firmware.Core.Tests;

/// <summary>wiring.md and BoardPins must name exactly the same pins with the same GPIO numbers.</summary>
public class WiringTableTests
{
    [Fact]
    public void WiringTableMatchesBoardPinsExactly()
    {
        var table = new Dictionary<string, int>();
        foreach (string line in File.ReadAllLines(Path.Combine(RepoPaths.Root, "wiring.md")))
        {
            string[] cells = line.Split('|');
            if (cells.Length < 4 || !int.TryParse(cells[2].Trim(), out int gpio))
            {
                continue;
            }

            Assert.True(table.TryAdd(cells[1].Trim(), gpio), "duplicate row " + cells[1]);
        }

        var code = new Dictionary<string, int>();
        foreach (FieldInfo f in typeof(BoardPins).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            code[f.Name] = (int)f.GetRawConstantValue()!;
        }

        Assert.Equal(14, code.Count);
        Assert.Equal(new SortedDictionary<string, int>(code), new SortedDictionary<string, int>(table));
    }

    [Fact]
    public void NoGpioIsUsedTwice()
    {
        var seen = new HashSet<int>();
        foreach (FieldInfo f in typeof(BoardPins).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            Assert.True(seen.Add((int)f.GetRawConstantValue()!), "GPIO used twice: " + f.Name);
        }
    }
}
