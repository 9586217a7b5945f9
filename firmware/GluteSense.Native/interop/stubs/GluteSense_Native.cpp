//-----------------------------------------------------------------------------
// Method lookup table and assembly data of GluteSense.Native. The entries follow the InternalCall methods of
// NativeAfe, then NativeBoardStore, each in declaration order (static classes: no constructors, no other methods;
// MetadataProcessor's GeneratedStubs must show the same order, docs/flashing.md). Name, version and checksum must
// equal firmware/GluteSense.Native/interop/managed (NativeInteropDriftTests), or nanoCLR refuses the deployed
// assembly.
//-----------------------------------------------------------------------------

#include "GluteSense_Native.h"

// clang-format off

static const CLR_RT_MethodHandler method_lookup[] =
{
    Library_GluteSense_Native_GluteSense_Native_NativeAfe::Start___STATIC__I4__I4__I4__I4__I4__I4__I4__I4,
    Library_GluteSense_Native_GluteSense_Native_NativeAfe::Stop___STATIC__I4,
    Library_GluteSense_Native_GluteSense_Native_NativeAfe::WriteRegister___STATIC__I4__U1__U1,
    Library_GluteSense_Native_GluteSense_Native_NativeAfe::ConfigureChain___STATIC__I4__SZARRAY_R4__I4__I4__I4__SZARRAY_R4__SZARRAY_R4__R4,
    Library_GluteSense_Native_GluteSense_Native_NativeAfe::ReadBlock___STATIC__I4__SZARRAY_I4__SZARRAY_R4__SZARRAY_R4__BYREF_U4__BYREF_I4,
    Library_GluteSense_Native_GluteSense_Native_NativeAfe::ReadBlockInfo___STATIC__I4__SZARRAY_I4__SZARRAY_R4,
    Library_GluteSense_Native_GluteSense_Native_NativeAfe::SelfTest___STATIC__U4__SZARRAY_R4__I4__I4__I4__R4,
    Library_GluteSense_Native_GluteSense_Native_NativeBoardStore::ReadPasskey___STATIC__I4,
};

const CLR_RT_NativeAssemblyData g_CLR_AssemblyNative_GluteSense_Native =
{
    "GluteSense.Native",
    0xAE2E7216,
    method_lookup,
    { 1, 1, 0, 0 }
};

// clang-format on
