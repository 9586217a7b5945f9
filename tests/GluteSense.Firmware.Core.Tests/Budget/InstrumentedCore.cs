using System;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;
using GluteSense.Firmware.Core.Acquisition;

namespace GluteSense.Firmware.Core.Tests.Budget;

/// <summary>
/// Loads the instrumented firmware core, together with this test assembly, into a separate load context, so that
/// <see cref="BudgetWorkload"/> (compiled against the core) runs against the counting copy, and returns its counts.
/// </summary>
internal static class InstrumentedCore
{
    private static readonly Lazy<byte[]> Core = new(() => IlInstrumenter.Instrument(typeof(BoardRuntime).Assembly.Location));

    private sealed class Context(byte[] core, string testAssemblyPath) : AssemblyLoadContext("instrumented-core", isCollectible: true)
    {
        protected override Assembly? Load(AssemblyName name)
        {
            if (name.Name == typeof(BoardRuntime).Assembly.GetName().Name) return LoadFromStream(new MemoryStream(core));
            if (name.Name == typeof(InstrumentedCore).Assembly.GetName().Name) return LoadFromAssemblyPath(testAssemblyPath);
            // The chip simulators implement the core's bus interfaces: they must bind to the counting copy too.
            Assembly simulators = typeof(Simulators.Ads1298Simulator).Assembly;
            if (name.Name == simulators.GetName().Name) return LoadFromAssemblyPath(simulators.Location);
            return null;
        }
    }

    /// <summary>Runs BudgetWorkload.<paramref name="method"/>(<paramref name="args"/>) on the counting core.</summary>
    public static BudgetWorkload.Counts Run(string method, params object[] args)
    {
        var context = new Context(Core.Value, typeof(InstrumentedCore).Assembly.Location);
        try
        {
            Assembly tests = context.LoadFromAssemblyName(typeof(InstrumentedCore).Assembly.GetName());
            MethodInfo run = tests.GetType(typeof(BudgetWorkload).FullName!)!.GetMethod(method)!;
            object result = run.Invoke(null, args)!;
            // The result's type lives in the other context: read its fields by name.
            Type t = result.GetType();
            long Field(string name) => (long)t.GetProperty(name)!.GetValue(result)!;
            return new BudgetWorkload.Counts(Field(nameof(BudgetWorkload.Counts.IlPerSecond)), Field(nameof(BudgetWorkload.Counts.CallsPerSecond)),
                Field(nameof(BudgetWorkload.Counts.NotificationsPerSecond)));
        }
        finally
        {
            context.Unload();
        }
    }
}
