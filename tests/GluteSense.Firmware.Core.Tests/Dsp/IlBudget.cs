using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;
using GluteSense.Firmware.Core.Dsp;

namespace GluteSense.Firmware.Core.Tests.Dsp;

/// <summary>
/// Counts the IL instructions the envelope hot path executes per channel-sample, from the method bodies of the
/// compiled core (the core is always built optimised, like the board's Release build) and the loop trip counts.
/// docs/firmware-budget.md prints these numbers; a test recomputes them so the document cannot drift.
/// </summary>
internal static class IlBudget
{
    internal sealed record Instruction(int Offset, OpCode OpCode, int BranchTarget);

    internal sealed record Loop(int Start, int End, int Instructions);

    internal sealed record Budget(int SampleRateHz, int InnerLoop, int OuterPerSubBlock, int EmitPerValue,
        int SubBlockSamples, int HopSamples)
    {
        /// <summary>Band-pass + notch + RMS accumulation per channel-sample, sub-block bookkeeping amortised.</summary>
        public double PerChannelSample => InnerLoop + (double)OuterPerSubBlock / SubBlockSamples;

        /// <summary>Everything per channel-sample, the envelope value (window sum, square root) amortised over the hop.</summary>
        public double TotalPerChannelSample => PerChannelSample + (double)EmitPerValue / HopSamples;
    }

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>Range-reduction steps of <see cref="FastMath.Sqrt"/> counted per call: at most 1 step by 4^8 and 4
    /// by 4 for mean squares of 1..4e9 uV^2 (all loops charged at the size of the largest).</summary>
    public const int SqrtRangeSteps = 5;

    public static Budget Compute(int sampleRateHz, int windowMs = 50, int envelopeRateHz = 100)
    {
        int window = windowMs * sampleRateHz / 1000, hop = sampleRateHz / envelopeRateHz;
        int subBlock = Gcd(window, hop), partials = window / subBlock;

        List<Instruction> fast = Decode(Method("ProcessFast"));
        List<Loop> loops = Loops(fast);
        Loop inner = loops.OrderBy(l => l.End - l.Start).First();
        Assert.True(IsStraightLine(fast, inner), "the hot inner loop must have no branch inside it");
        Loop outer = loops.Where(l => l != inner && l.Start <= inner.Start && l.End >= inner.End).OrderBy(l => l.End - l.Start).First();

        List<Instruction> emit = Decode(Method("Emit"));
        Loop sumLoop = Loops(emit).Single();
        List<Instruction> sqrt = Decode(typeof(FastMath).GetMethod(nameof(FastMath.Sqrt))!);
        int sqrtCost = sqrt.Count + Loops(sqrt).Max(l => l.Instructions) * SqrtRangeSteps;
        int emitCost = emit.Count - sumLoop.Instructions + sumLoop.Instructions * partials + sqrtCost;
        return new Budget(sampleRateHz, inner.Instructions, outer.Instructions - inner.Instructions, emitCost, subBlock, hop);
    }

    private static MethodInfo Method(string name) =>
        typeof(EmgChannel).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Instance)
        ?? throw new InvalidOperationException(name + " not found");

    public static List<Instruction> Decode(MethodInfo method)
    {
        byte[] il = method.GetMethodBody()!.GetILAsByteArray()!;
        var result = new List<Instruction>();
        int pc = 0;
        while (pc < il.Length)
        {
            int start = pc;
            short value = il[pc] == 0xFE ? (short)(0xFE00 | il[pc + 1]) : il[pc];
            pc += il[pc] == 0xFE ? 2 : 1;
            OpCode op = OpCodesByValue[value];
            int operand = op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, pc),
                _ => 4,
            };
            int target = op.OperandType switch
            {
                OperandType.ShortInlineBrTarget => pc + 1 + (sbyte)il[pc],
                OperandType.InlineBrTarget => pc + 4 + BitConverter.ToInt32(il, pc),
                _ => -1,
            };
            pc += operand;
            result.Add(new Instruction(start, op, target));
        }

        return result;
    }

    // A loop is a backward branch: it spans from its target to the branch itself (both counted).
    private static List<Loop> Loops(List<Instruction> code) => code
        .Where(i => i.BranchTarget >= 0 && i.BranchTarget <= i.Offset)
        .Select(i => new Loop(i.BranchTarget, i.Offset, code.Count(x => x.Offset >= i.BranchTarget && x.Offset <= i.Offset)))
        .ToList();

    private static bool IsStraightLine(List<Instruction> code, Loop loop) => code
        .Where(x => x.Offset >= loop.Start && x.Offset < loop.End)
        .All(x => x.OpCode.FlowControl is FlowControl.Next or FlowControl.Call);

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
}
