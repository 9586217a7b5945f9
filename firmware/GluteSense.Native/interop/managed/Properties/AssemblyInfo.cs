using System.Reflection;

[assembly: AssemblyTitle("GluteSense.Native")]
[assembly: AssemblyVersion("1.0.0.0")]

// The native interface version: equal to NativeAfe.NativeVersion and the stub table's { 1, 1, 0, 0 } (checked by
// NativeInteropDriftTests). Update it whenever the native signatures change.
[assembly: AssemblyNativeVersion("1.1.0.0")]
