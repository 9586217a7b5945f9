using System.Collections.Generic;
using System.IO;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Cecil.Rocks;

namespace GluteSense.Firmware.Core.Tests.Budget;

/// <summary>
/// Rewrites the firmware core so that it counts, while it runs, the IL instructions it executes and the calls it
/// makes (call, callvirt, newobj: each is a method invocation the nanoFramework interpreter pays for). Every basic
/// block gets, at its start, two additions of its own static counts to the static fields of an added class
/// <see cref="CounterType"/>; the counting code itself is not counted. The result is the instruction and call count of
/// the real code paths, not of a model of them.
/// </summary>
internal static class IlInstrumenter
{
    public const string CounterType = "GluteSenseIlCounters";
    public const string IlField = "Il";
    public const string CallsField = "Calls";

    public static byte[] Instrument(string assemblyPath)
    {
        using var assembly = AssemblyDefinition.ReadAssembly(assemblyPath);
        ModuleDefinition module = assembly.MainModule;
        var counters = new TypeDefinition("", CounterType,
            TypeAttributes.Public | TypeAttributes.Abstract | TypeAttributes.Sealed | TypeAttributes.Class, module.TypeSystem.Object);
        var il = new FieldDefinition(IlField, FieldAttributes.Public | FieldAttributes.Static, module.TypeSystem.Int64);
        var calls = new FieldDefinition(CallsField, FieldAttributes.Public | FieldAttributes.Static, module.TypeSystem.Int64);
        counters.Fields.Add(il);
        counters.Fields.Add(calls);
        module.Types.Add(counters);

        foreach (MethodDefinition method in module.Types.SelectMany(AllTypes).SelectMany(t => t.Methods).Where(m => m.HasBody).ToList())
        {
            InstrumentMethod(method, il, calls);
        }

        using var stream = new MemoryStream();
        assembly.Write(stream);
        return stream.ToArray();
    }

    private static IEnumerable<TypeDefinition> AllTypes(TypeDefinition type) =>
        new[] { type }.Concat(type.NestedTypes.SelectMany(AllTypes));

    private static void InstrumentMethod(MethodDefinition method, FieldDefinition il, FieldDefinition calls)
    {
        MethodBody body = method.Body;
        body.SimplifyMacros();   // long branch forms: the added code may push short branches out of range
        List<Instruction> code = body.Instructions.ToList();
        var leaders = new HashSet<Instruction> { code[0] };
        foreach (Instruction i in code)
        {
            if (i.Operand is Instruction target) leaders.Add(target);
            if (i.Operand is Instruction[] targets) leaders.UnionWith(targets);
            if (i.OpCode.FlowControl is FlowControl.Branch or FlowControl.Cond_Branch or FlowControl.Return or FlowControl.Throw
                && i.Next != null)
            {
                leaders.Add(i.Next);
            }
        }

        foreach (ExceptionHandler h in body.ExceptionHandlers)
        {
            leaders.Add(h.TryStart);
            leaders.Add(h.HandlerStart);
            if (h.FilterStart != null) leaders.Add(h.FilterStart);
        }

        ILProcessor p = body.GetILProcessor();
        for (int k = 0; k < code.Count; k++)
        {
            if (!leaders.Contains(code[k])) continue;
            int end = k + 1;
            while (end < code.Count && !leaders.Contains(code[end])) end++;
            long blockIl = end - k;
            long blockCalls = code.Skip(k).Take(end - k).Count(i => i.OpCode.Code is Code.Call or Code.Callvirt or Code.Newobj);
            Instruction leader = code[k];

            // The leader keeps its identity (branches and handlers point at it) but becomes the first counting
            // instruction; its original opcode moves to a copy after the counting code.
            var original = Instruction.Create(OpCodes.Nop);
            original.OpCode = leader.OpCode;
            original.Operand = leader.Operand;
            leader.OpCode = OpCodes.Ldsfld;
            leader.Operand = il;
            var added = new List<Instruction>
            {
                Instruction.Create(OpCodes.Ldc_I8, blockIl), Instruction.Create(OpCodes.Add), Instruction.Create(OpCodes.Stsfld, il),
                Instruction.Create(OpCodes.Ldsfld, calls), Instruction.Create(OpCodes.Ldc_I8, blockCalls), Instruction.Create(OpCodes.Add),
                Instruction.Create(OpCodes.Stsfld, calls), original,
            };
            Instruction after = leader;
            foreach (Instruction a in added)
            {
                p.InsertAfter(after, a);
                after = a;
            }
            // Regions that start or end at the leader still do: it stays the first instruction of its block.
        }

        body.MaxStackSize += 2;
        body.OptimizeMacros();
    }
}
